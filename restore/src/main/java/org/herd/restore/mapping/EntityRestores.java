package org.herd.restore.mapping;

import java.util.List;
import java.util.Objects;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;

/**
 * The entity restores of each variant: the inverse of the translator's {@code Mappings}, one per
 * mapping, in an order that writes parents before their children (nothing depends on it: the
 * restore loads with foreign key checks off, as OPS's code does around multi-row changes).
 */
public final class EntityRestores {

    private EntityRestores() {
    }

    public static List<EntityRestore> of(GazelleVariant variant) {
        Objects.requireNonNull(variant, "variant");
        List<EntityRestore> common = List.of(new ArtistsGroupRestore(), new ArtistsAliasRestore(),
                new TorrentsGroupRestore(), new TorrentsRestore(), new TorrentsArtistsRestore(), new TagsRestore(),
                new TorrentsTagsRestore(), WikiRestore.releaseGroups(),
                variant == GazelleVariant.OPS ? WikiRestore.opsArtists() : WikiRestore.artists(),
                new TorrentsVotesRestore(), new CollagesRestore(), CollageEntriesRestore.releaseGroups(),
                CollageEntriesRestore.artists(), new RequestsRestore(), new RequestArtistsRestore(),
                new RequestTagsRestore(), new ForumsCategoriesRestore(), new ForumsRestore(), new ForumsTopicsRestore(),
                new ForumsPostsRestore(), new CommentsRestore());
        if (variant == GazelleVariant.OPS) {
            return common;
        }
        // Similar artists and rip logs are in Herd's WhatCD catalogue only (docs/variants.md).
        List<EntityRestore> whatcd = new java.util.ArrayList<>(common);
        whatcd.addAll(List.of(new ArtistsSimilarScoresRestore(), new ArtistsSimilarRestore(),
                new TorrentsLogsRestore()));
        return List.copyOf(whatcd);
    }
}
