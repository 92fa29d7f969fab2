package org.herd.restore;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.herd.gazelle.CarriedUserReferences;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.mapping.EntityRestores;
import org.herd.translator.TranslatorSettings;
import org.herd.verify.MirrorSource;
import org.herd.verify.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a Gazelle database from a mirror: every live row the mirror holds of one origin, written
 * into the variant's tables as Gazelle stores them ({@link EntityRestore}, one per translator
 * mapping), placeholder accounts for the users the rows name ({@link UserPlan}), the carried
 * pseudonyms, Gazelle's denormalised copies recomputed, and on request a first administrator.
 * Tables Herd does not restore (private ones: messages, sessions, invitations, the tracker's) stay
 * empty. See {@code docs/survival.md}.
 *
 * <p>The mirror is read one entity at a time with a cursor ({@link MirrorSource}), and the target
 * written in multi-row INSERTs; memory holds one batch and the user plan.
 */
public final class GazelleRestore {

    private static final Logger log = LoggerFactory.getLogger(GazelleRestore.class);
    /** Rows of a restored entity that failed, listed in the report; the rest are counted. */
    private static final int REASONS_SHOWN = 20;

    /**
     * @param variant       the Gazelle variant whose schema to write
     * @param origin        the origin whose rows to restore (a mirror may hold several)
     * @param replace       replace the tables Herd restores in a database that already holds tables;
     *                      without it such a database is refused and left as it is
     * @param adminUsername the first administrator's user name, or empty for none
     * @param batchRows     rows per INSERT statement
     * @param batchBytes    about the most bytes per INSERT statement (below the server's max_allowed_packet)
     */
    public record Settings(GazelleVariant variant, String origin, boolean replace, Optional<String> adminUsername,
            int batchRows, long batchBytes) {

        public Settings {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(adminUsername, "adminUsername");
            if (origin == null || !TranslatorSettings.ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("origin '" + origin + "' must match "
                        + TranslatorSettings.ORIGIN.pattern());
            }
            adminUsername.ifPresent(name -> {
                if (!AdminAccount.USERNAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("--admin-username '" + name
                            + "' is not a Gazelle user name: 1 to 20 letters, digits or _");
                }
            });
            if (batchRows < 1 || batchBytes < 1024) {
                throw new IllegalArgumentException("batches need at least 1 row and 1024 bytes");
            }
        }

        /** 500 rows or 4 MiB per statement: below MariaDB's and MySQL's default max_allowed_packet (16 and 64 MiB). */
        public static Settings of(GazelleVariant variant, String origin, boolean replace, Optional<String> admin) {
            return new Settings(variant, origin, replace, admin, 500, 4L << 20);
        }
    }

    private GazelleRestore() {
    }

    /**
     * Restores one origin of a mirror into a target database.
     *
     * @param mirror the mirror's PostgreSQL
     * @param target the MariaDB or MySQL database to write; refused unless empty or {@code replace}
     * @throws RestoreException when the target is refused, the mirror holds nothing of the origin,
     *                          or the users cannot be planned; the target is then unchanged
     */
    public static RestoreReport run(Settings settings, Verification.Connector mirror, Verification.Connector target)
            throws SQLException {
        long started = System.nanoTime();
        GazelleVariant variant = settings.variant();
        GazelleTables tables = GazelleTables.of(variant);
        List<EntityRestore> restores = EntityRestores.of(variant);
        try (Connection m = mirror.connect(); Connection t = target.connect()) {
            // Everything that can refuse the restore is checked before the target changes.
            List<String> replaced = TargetDatabase.check(t, variant, settings.replace());
            long held = liveRows(m, settings.origin(), restores);
            if (held == 0) {
                throw new RestoreException("the mirror holds no live rows of origin '" + settings.origin()
                        + "': check --origin");
            }
            UserPlan users = MirrorUsers.plan(m, settings.origin(), variant);
            log.info("Restoring origin '{}' ({} rows) into the {} schema of database '{}'; {} accounts planned",
                    settings.origin(), held, variant, TargetDatabase.name(t), users.accounts().size());

            TargetDatabase.prepare(t, variant, replaced);
            Map<String, Long> entityRows = new LinkedHashMap<>();
            List<String> reasons = new ArrayList<>();
            long[] skipped = {0};
            Map<String, Long> tableRows;
            try (BatchedInserts out = new BatchedInserts(t, settings.batchRows(), batchBytes(t, settings))) {
                RestoreContext context = new RestoreContext(tables, users, out);
                MirrorSource source = new MirrorSource(m, settings.origin());
                for (EntityRestore r : restores) {
                    long entityStarted = System.nanoTime();
                    long[] read = {0};
                    source.rows(r.entity(), null, (key, payload) -> {
                        read[0]++;
                        try {
                            r.restore(new NeutralRow(r.entity(), key, payload), context);
                        } catch (RestoreException e) {
                            if (skipped[0]++ < REASONS_SHOWN) {
                                reasons.add(e.getMessage());
                            }
                        }
                    });
                    entityRows.put(r.entity().name(), read[0]);
                    log.info("  {}: {} rows in {} ms", r.entity().name(), read[0],
                            (System.nanoTime() - entityStarted) / 1_000_000);
                }
                UsersRestore.write(users, settings.origin(), context);
                out.flush();
                tableRows = new LinkedHashMap<>(out.written());
            }
            tableRows.put(CarriedUserReferences.TABLE, writeCarried(t, users));
            Denormalised.recompute(t);
            Optional<AdminAccount.Created> admin = Optional.empty();
            if (settings.adminUsername().isPresent()) {
                admin = Optional.of(AdminAccount.create(t, tables, settings.adminUsername().get(), settings.origin(),
                        new SecureRandom()));
                tableRows.merge("users_main", 1L, Long::sum);
                if (variant == GazelleVariant.WHATCD) {
                    tableRows.merge("users_info", 1L, Long::sum);
                }
            }
            Map<UserPlan.Kind, Long> accounts = new LinkedHashMap<>();
            for (UserPlan.Kind kind : UserPlan.Kind.values()) {
                accounts.put(kind, users.count(kind));
            }
            return new RestoreReport(settings.origin(), variant, entityRows, tableRows, accounts, skipped[0], reasons,
                    Duration.ofNanos(System.nanoTime() - started), admin);
        }
    }

    /** The tables of the variant, in the DDL's order, with the table of carried references: a report's order. */
    public static List<String> tableOrder(GazelleVariant variant) {
        List<String> order = new ArrayList<>(GazelleSchema.tables(variant));
        order.add(CarriedUserReferences.TABLE);
        return order;
    }

    private static long liveRows(Connection mirror, String origin, List<EntityRestore> restores) throws SQLException {
        long rows = 0;
        for (EntityRestore r : restores) {
            try (PreparedStatement ps = mirror.prepareStatement("SELECT COUNT(*) FROM herd.\"" + r.entity().name()
                    + "\" WHERE origin = ? AND NOT deleted")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
        }
        return rows;
    }

    private static long writeCarried(Connection target, UserPlan users) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = CarriedUserReferences.inserter(target)) {
            for (UserPlan.Account a : users.accounts()) {
                if (a.carried() != null) {
                    ps.setLong(1, a.id());
                    ps.setString(2, a.carried());
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
        return n;
    }

    /** The settings' batch size, at most a quarter of the server's max_allowed_packet. */
    private static long batchBytes(Connection target, Settings settings) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT @@max_allowed_packet");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Math.max(1024, Math.min(settings.batchBytes(), rs.getLong(1) / 4));
        }
    }
}
