package org.herd.translator.mapping;

import org.herd.translator.UserPolicy;
import java.util.List;
import java.util.Map;
import org.herd.translator.Cascade;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * collages → collage. A deleted collage never leaves, and its entries follow it: deleting one
 * (Gazelle sets Deleted = '1' on all but personal collages) retracts the collage and its entries,
 * recovering it publishes them again. NumTorrents is not read: it counts the entries, which
 * mirrors receive themselves.
 */
public final class CollagesMapping implements TableMapping {

    static final String TABLE = "collages";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.COLLAGE;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("collage_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("collage_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        String category = row.code("CategoryID", CodeList.COLLAGE_CATEGORIES);
        if (category == null) {
            throw row.fail("CategoryID", "is NULL but is required");
        }
        return FieldValues.payload(entity())
                .put("name", row.emptyAsNull("Name"))
                .put("description", row.emptyAsNull("Description"))
                .put("category", category)
                .put("owner", row.user("UserID"))
                .put("locked", row.flag("Locked"))
                .put("tag_list", row.emptyAsNull("TagList"))
                .put("max_entries", row.zeroAsNull("MaxGroups"))
                .put("max_entries_per_user", row.zeroAsNull("MaxGroupsPerUser"))
                .put("updated_at", row.timestamp("updated"))
                .build();
    }

    @Override
    public boolean visible(GazelleRow row) {
        return isVisible(row);
    }

    /**
     * Only Deleted = '0' is visible. The column is Gazelle's one nullable flag, and the site lists a
     * collage only {@code WHERE Deleted = '0'}, so a NULL hides it too.
     *
     * <p>A personal collage leaves only when user names are public: Gazelle names it after its
     * owner ("alice's personal collage") and keeps that name, so it would tie the owner's
     * pseudonym, and with it every post and comment signed by that pseudonym, to the user name.
     */
    static boolean isVisible(GazelleRow collage) {
        Long category = collage.optionalLong("CategoryID");
        if (collage.userPolicy() != UserPolicy.PUBLIC && category != null && category == PERSONAL) {
            return false;
        }
        return collage.raw("Deleted") != null && !collage.flag("Deleted");
    }

    /** CategoryID of personal collages. */
    static final long PERSONAL = 0;

    @Override
    public List<Cascade> children(GazelleRow row) {
        Map<String, Object> entries = Map.of("CollageID", row.requiredLong("ID"));
        return List.of(new Cascade(CollageEntriesMapping.RELEASE_GROUPS, entries),
                new Cascade(CollageEntriesMapping.ARTISTS, entries),
                CommentsMapping.onPage("collages", row.requiredLong("ID")));
    }
}
