package org.herd.simulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * A loaded site's live traffic, as one Gazelle variant's PHP code and tracker write it: public
 * changes at random, and the private noise around them. {@link GazelleWorkload} for WhatCD,
 * {@link OpsWorkload} for OPS; a test that runs per variant takes the variant's with {@link #of}.
 */
public interface SiteWorkload {

    /** One public change, chosen at random. */
    WorkloadStep step() throws SQLException;

    /** {@code n} steps of {@link #step()}. */
    default List<WorkloadStep> run(int n) throws SQLException {
        List<WorkloadStep> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(step());
        }
        return steps;
    }

    /** One tracker flush of the statistics of about {@code torrents} torrents: no public column changes. */
    WorkloadStep trackerFlush(int torrents) throws SQLException;

    /** A user browsing and the tracker crediting their transfer: private columns only. */
    WorkloadStep userActivity() throws SQLException;

    /** A private message: private tables only. */
    WorkloadStep sendPrivateMessage() throws SQLException;

    /**
     * The private noise a busy site makes around its public changes: a tracker flush of about
     * {@code flushedTorrents} torrents, a user's visit and a private message. None of it changes a
     * public column.
     */
    default void noise(int flushedTorrents) throws SQLException {
        trackerFlush(flushedTorrents);
        userActivity();
        sendPrivateMessage();
    }

    /** The workload of {@code variant} on a loaded database; it owns {@code connection} while it runs. */
    static SiteWorkload of(GazelleVariant variant, Connection connection, long seed) throws SQLException {
        return switch (variant) {
            case WHATCD -> new GazelleWorkload(connection, seed);
            case OPS -> new OpsWorkload(connection, seed);
        };
    }
}
