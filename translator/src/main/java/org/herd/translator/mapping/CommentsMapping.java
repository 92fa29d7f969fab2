package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.Cascade;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * comments → comment. A comment is published while the page it is on is: comments on artists and
 * release groups always (those pages have no row filter), comments on a collage while the collage
 * is not deleted, comments on a request while the request is visible. Who edited a comment
 * (EditedUserID) never leaves.
 *
 * <p>The collage and request are judged as their own mappings judge them, read through the origin
 * lookup; a page the origin does not have hides its comments (default deny). The collages and
 * requests mappings name the comments to translate again when their own visibility changes with
 * {@link #onPage}.
 */
public final class CommentsMapping implements TableMapping {

    static final CodeList PAGES = CodeList.COMMENT_PAGES;

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
    public Map<String, KeySource> keySources() {
        return Map.of("comment_id", KeySource.copy("ID"));
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
    public List<String> parentColumns() {
        return List.of("Page", "PageID");
    }

    @Override
    public boolean visible(GazelleRow row) {
        return switch (page(row)) {
            // Judged by the page's own row filter, as its mapping judges it.
            case "collage" -> ParentRows.visible(row, "PageID", "collages", "ID", CollagesMapping::isVisible);
            case "request" -> ParentRows.visible(row, "PageID", "requests", "ID", RequestsMapping::isVisible);
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
}
