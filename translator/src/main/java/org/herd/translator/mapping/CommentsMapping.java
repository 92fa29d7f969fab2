package org.herd.translator.mapping;

import java.util.Map;
import java.util.Optional;
import org.herd.translator.Cascade;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * comments → comment. A comment is published while the page it is on is: comments on artists and
 * release groups always (those pages have no row filter), comments on a collage while the collage
 * is not deleted, comments on a request while the request is visible. Who edited a comment
 * (EditedUserID) never leaves.
 *
 * <p>The collage and request rows come from the origin lookup by table name ({@code collages},
 * {@code requests}). Until the catalogue lets those tables be read, the lookup has no such row and
 * a comment on a collage or request is not published: default deny. The collages and requests
 * mappings name the comments to translate again when their own visibility changes with
 * {@link #onPage}.
 */
public final class CommentsMapping implements TableMapping {

    /** comments.Page: the kind of page, as the neutral {@code page} field names it. */
    static final CodeList PAGES = new CodeList("comment page", Map.of(
            "artist", "artist", "collages", "collage", "requests", "request", "torrents", "release_group"));

    @Override
    public String table() {
        return "comments";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.COMMENT;
    }

    /** The comments on one page, for the mapping of that page's table to name as its children. */
    public static Cascade onPage(String gazellePage, long pageId) {
        if (PAGES.name(gazellePage).isEmpty()) {
            throw new IllegalArgumentException("comments.Page has no value '" + gazellePage + "'");
        }
        return new Cascade("comments", Map.of("Page", gazellePage, "PageID", pageId));
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("comment_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("page", page(row))
                .put("page_id", row.requiredLong("PageID"))
                .put("author", row.user("AuthorID"))
                .put("body", row.text("Body"))
                .put("added_at", row.timestamp("AddedTime"))
                .put("edited_at", row.timestamp("EditedTime"))
                .build();
    }

    @Override
    public boolean visible(GazelleRow row) {
        long pageId = row.requiredLong("PageID");
        return switch (page(row)) {
            case "collage" -> collageIsPublic(row, pageId);
            case "request" -> requestIsPublic(row, pageId);
            // Artists and release groups have no row filter: their comments always leave.
            default -> true;
        };
    }

    private static String page(GazelleRow row) {
        String page = row.code("Page", PAGES);
        if (page == null) {
            throw row.fail("Page", "is NULL or missing but is required");
        }
        return page;
    }

    /**
     * A collage is public while {@code Deleted} is '0'. Gazelle's collage lists select
     * {@code Deleted = '0'}; a NULL (the column allows it, the PHP code never writes it) is treated
     * as not public.
     */
    private static boolean collageIsPublic(GazelleRow row, long collageId) {
        Optional<Map<String, Object>> collage = row.lookupRow("collages", Map.of("ID", collageId));
        if (collage.isEmpty()) {
            return false;
        }
        Boolean set = flag(collage.get().get("Deleted"));
        if (set == null && collage.get().get("Deleted") != null) {
            throw row.fail("PageID", "collage " + collageId + " has a Deleted value that is not a 0/1 flag"
                    + " (value withheld: row-filter column)");
        }
        return Boolean.FALSE.equals(set);
    }

    /**
     * A request is public while {@code Visible} is 1. Visible is {@code binary(1)}: the PHP code
     * writes 0 or 1, stored as the characters '0' and '1', which arrive as one byte or as text.
     */
    private static boolean requestIsPublic(GazelleRow row, long requestId) {
        Optional<Map<String, Object>> request = row.lookupRow("requests", Map.of("ID", requestId));
        if (request.isEmpty()) {
            return false;
        }
        Object visible = request.get().get("Visible");
        Boolean set = flag(visible);
        if (set == null && visible != null) {
            throw row.fail("PageID", "request " + requestId + " has a Visible value that is not a 0/1 flag"
                    + " (value withheld: row-filter column)");
        }
        return Boolean.TRUE.equals(set);
    }

    /** A 0/1 flag in any of the forms it reaches the translator; null when absent or not a flag. */
    private static Boolean flag(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
            return n.longValue() == 1;
        }
        if (v instanceof String s && (s.equals("0") || s.equals("1"))) {
            return s.equals("1");
        }
        if (v instanceof byte[] b && b.length == 1 && (b[0] == '0' || b[0] == '1' || b[0] == 0 || b[0] == 1)) {
            return b[0] == '1' || b[0] == 1;
        }
        return null;
    }
}
