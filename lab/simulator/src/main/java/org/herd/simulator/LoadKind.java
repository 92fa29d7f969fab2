package org.herd.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The transactions of the load generator ({@link LoadGenerator}), each written with the statements
 * Gazelle's PHP code or the Ocelot tracker issues for it. The rows each one changes, and their
 * {@link RowClass}, are in docs/benchmarks.md.
 */
public enum LoadKind {
    /** upload_handle: into an existing release group (70%) or a new one with its artist, credits, wiki and tags. */
    UPLOAD("upload"),
    /** A torrent's edition and description corrected, then update_hash. */
    EDIT("edit"),
    /** vote_tag: a tag's votes on a release group. */
    TAG_VOTE("tag-vote"),
    /** A torrent deleted; with the group's last torrent, the group and its credits, tags and wiki go too. */
    DELETE("delete"),
    /** An artist renamed: the artist and its matching alias. */
    RENAME("rename"),
    /** A comment on a release group's page. */
    COMMENT("comment"),
    /** take_reply (or, one in six, take_new_thread): the post, then the forum's and topic's counters. */
    FORUM_POST("forum-post"),
    /** Ocelot's flush of torrent statistics: one multi-row INSERT ... ON DUPLICATE KEY UPDATE, then the ghost rows' DELETE. */
    TRACKER("tracker"),
    /** Ocelot's flush of users' transfer totals: one multi-row INSERT ... ON DUPLICATE KEY UPDATE of users_main. */
    TRACKER_USERS("tracker-users");

    private final String label;

    LoadKind(String label) {
        this.label = label;
    }

    /** The name in a mix specification ({@link LoadMix#parse}) and in reports. */
    public String label() {
        return label;
    }

    public static Optional<LoadKind> byLabel(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.label.equals(l)).findFirst();
    }

    /**
     * Binlog row changes one transaction of this kind is expected to write before any has run, for
     * the open-loop schedule's first reservations ({@link LoadGenerator} then uses what each kind
     * really wrote).
     */
    long expectedRows(LoadMix mix) {
        return switch (this) {
            case UPLOAD -> 9;
            case EDIT, DELETE -> 4;
            case TAG_VOTE, COMMENT -> 1;
            case RENAME -> 2;
            case FORUM_POST -> 3;
            case TRACKER -> mix.trackerBatch();
            case TRACKER_USERS -> mix.userBatch();
        };
    }
}
