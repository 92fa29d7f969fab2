package org.herd.translator.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.herd.gazelle.catalogue.GazelleVariant;

/** The table mappings of each Gazelle variant: which tables the translator maps, and how. */
public final class Mappings {

    private Mappings() {
    }

    public static List<TableMapping> of(GazelleVariant variant) {
        Objects.requireNonNull(variant, "variant");
        return switch (variant) {
            case WHATCD -> whatcd();
            case OPS -> ops();
        };
    }

    private static List<TableMapping> whatcd() {
        List<TableMapping> list = new ArrayList<>(List.of(new ArtistsGroupMapping(), new ArtistsAliasMapping(),
                new TorrentsGroupMapping(), new TorrentsMapping(), new TorrentsArtistsMapping(), new TagsMapping(),
                new TorrentsTagsMapping(), WikiMapping.releaseGroups(), WikiMapping.artists()));
        list.addAll(List.of(new ArtistsSimilarScoresMapping(), new ArtistsSimilarMapping(),
                new TorrentsVotesMapping(), new TorrentsLogsMapping()));
        // Collages and requests: row filters (deleted collages, hidden requests) and vote totals.
        list.addAll(List.of(new CollagesMapping(), CollageEntriesMapping.releaseGroups(),
                CollageEntriesMapping.artists(), new RequestsMapping(), new RequestArtistsMapping(),
                new RequestTagsMapping(), new RequestsVotesMapping()));
        // Forums and comments: staff forums and hidden pages are filtered out through the origin lookup.
        list.addAll(List.of(new ForumsCategoriesMapping(), new ForumsMapping(), new ForumsTopicsMapping(),
                new ForumsPostsMapping(), new CommentsMapping()));
        return List.copyOf(list);
    }

    /**
     * OPS: artists_alias, tags, torrents_tags and wiki_torrents have WhatCD's public columns and map
     * the same way; the other tables differ in the columns they have.
     */
    private static List<TableMapping> ops() {
        List<TableMapping> list = new ArrayList<>(List.of(ArtistsGroupMapping.ops(), new ArtistsAliasMapping(),
                TorrentsGroupMapping.ops(), TorrentsMapping.ops(), TorrentsArtistsMapping.ops(), new TagsMapping(),
                new TorrentsTagsMapping(), WikiMapping.releaseGroups(), WikiMapping.opsArtists()));
        // Collages and requests: WhatCD's columns, except requests_artists (no ArtistID) and
        // requests_votes (a surrogate key, which the vote totals do not read).
        list.addAll(List.of(new CollagesMapping(), CollageEntriesMapping.releaseGroups(),
                CollageEntriesMapping.artists(), new RequestsMapping(), RequestArtistsMapping.ops(),
                new RequestTagsMapping(), new RequestsVotesMapping()));
        // Album votes: WhatCD's shape and foreign-key cascade from torrents_group.
        list.add(new TorrentsVotesMapping());
        // Forums and comments: WhatCD's columns; forums judged by OPS's lowest user class.
        list.addAll(List.of(new ForumsCategoriesMapping(), ForumsMapping.ops(), ForumsTopicsMapping.ops(),
                ForumsPostsMapping.ops(), new CommentsMapping()));
        return List.copyOf(list);
    }
}
