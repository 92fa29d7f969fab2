package org.herd.gazelle.source;

import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * Tells the WhatCD and OPS schemas apart from what a database's information_schema shows.
 *
 * <p>The deciding column is one the sidecar's replication user can always see, because it is
 * public in its variant and so granted: {@code artists_group.Name} (WhatCD names artists there) or
 * {@code artists_group.PrimaryAlias} (OPS names them through an alias since 2024). The
 * {@code release_type} table, which OPS has had since 2018, is supporting evidence when it is
 * visible; with least-privilege grants it is not. Anything else is refused with the reason rather
 * than guessed at.
 */
public final class VariantDetector {

    static final String ARTISTS = "artists_group";
    static final String RELEASE_TYPE = "release_type";

    private VariantDetector() {
    }

    /**
     * @throws UnknownVariantException naming what was found, when the schema is neither variant
     */
    public static VariantDetection detect(SourceSchema schema) {
        String db = schema.database();
        if (!schema.hasTable(ARTISTS)) {
            throw new UnknownVariantException("database '" + db + "' has no table artists_group that this user can"
                    + " see: it is not a Gazelle database, or the user may not read artists_group");
        }
        boolean name = schema.hasColumn(ARTISTS, "Name");
        boolean primaryAlias = schema.hasColumn(ARTISTS, "PrimaryAlias");
        boolean releaseTypes = schema.hasTable(RELEASE_TYPE);
        if (primaryAlias && !name) {
            return new VariantDetection(GazelleVariant.OPS, "artists_group.PrimaryAlias exists and artists_group.Name"
                    + " does not (artists are named by their primary alias)"
                    + (releaseTypes ? "; the release_type table exists" : ""));
        }
        if (name && !primaryAlias && !releaseTypes) {
            return new VariantDetection(GazelleVariant.WHATCD, "artists_group.Name exists, and neither"
                    + " artists_group.PrimaryAlias nor a release_type table does");
        }
        if (name && primaryAlias) {
            throw new UnknownVariantException("database '" + db + "': artists_group has both Name (WhatCD) and"
                    + " PrimaryAlias (OPS), as in the middle of OPS's artist-alias migration; Herd supports either"
                    + " shape, not both at once");
        }
        if (name) {
            throw new UnknownVariantException("database '" + db + "': artists_group.Name exists (WhatCD) but so does"
                    + " the release_type table (OPS): an OPS database from before its 2024 artist-alias migration,"
                    + " which Herd does not support");
        }
        throw new UnknownVariantException("database '" + db + "': artists_group has neither Name (WhatCD) nor"
                + " PrimaryAlias (OPS) that this user can see; columns seen: "
                + schema.tables().get(ARTISTS));
    }
}
