package org.herd.replicator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.herd.archive.ArchiveException;
import org.herd.archive.ArchiveLayout;
import org.herd.archive.ArchiveManifest;
import org.herd.archive.ArchiveReader;
import org.herd.archive.ArchiveVerdict;
import org.herd.archive.ArchiveVerifier;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.wire.WireFormat;
import org.herd.translator.wire.WireFormatException;
import org.herd.trust.Checkpoint;
import org.herd.trust.RecordStatement;
import org.herd.trust.SignatureHeaders;
import org.herd.trust.SignedRoot;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an empty mirror from an archive (docs/archive.md): verifies the archive, then copies every
 * entity file into its table with PostgreSQL's COPY, each row with the position of its record and
 * the record as signed (fingerprint, value, signature headers, as {@link MirrorSql} writes them), in
 * one transaction with a row of {@code herd.archive_bootstrap} naming the archive. The stream then
 * continues from wherever the mirror's consumer starts: records at or before the archive's cut
 * change nothing (the position guard), later ones apply as usual.
 *
 * <p>COPY has no position guard, so it runs only on a mirror that holds no row of the origin. A
 * mirror that was loaded from the same archive (same manifest) is left as it is, so that the
 * setting may stay in place across restarts.
 */
public final class ArchiveBootstrap {

    private static final Logger log = LoggerFactory.getLogger(ArchiveBootstrap.class);
    private static final int COPY_BUFFER = 1 << 16;

    /**
     * What a load did.
     *
     * @param loaded false when the mirror had been loaded from this archive before
     * @param rows   rows copied, per entity
     * @param cut    the archive's position cut
     * @param millis how long the load took, verification included
     */
    public record Result(boolean loaded, Map<String, Long> rows, SourcePosition cut, long millis) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ArchiveBootstrap() {
    }

    /**
     * An archive cut at a checkpoint that supersedes earlier epochs holds no row of them; the
     * mirror loaded from it refuses their records from then on, as a mirror that retired them does
     * ({@link CheckpointWatch}). The checkpoint was verified with the archive.
     */
    private static void noteSuccession(Connection c, String origin, Path archive) throws SQLException {
        Checkpoint cp;
        try {
            cp = Checkpoint.decode(Files.readAllBytes(archive.resolve(ArchiveLayout.CHECKPOINT)));
        } catch (IOException e) {
            throw new IllegalStateException("herd.mirror.bootstrap.archive: cannot read " + ArchiveLayout.CHECKPOINT
                    + " of " + archive + ": " + e.getMessage(), e);
        }
        if (!cp.supersedesEarlierEpochs()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + MirrorSql.SCHEMA + ".epoch_retirement"
                + " (origin, epoch, checkpoint_position, retired_at, rows_retired) VALUES (?, ?, ?, now(), 0)"
                + " ON CONFLICT (origin, epoch) DO NOTHING")) {
            ps.setString(1, origin);
            ps.setLong(2, cp.epoch());
            ps.setString(3, CheckpointComparison.position(cp));
            ps.executeUpdate();
        }
    }

    /**
     * Loads {@code archive} into the mirror of {@code origin}.
     *
     * @param trustRoot the trust root to verify the archive against, or null for the archive's own
     *                  (logged as such)
     * @throws IllegalStateException naming the property, the archive and what is wrong: an archive
     *                               that does not verify or is of another origin, a mirror that
     *                               already holds rows of the origin
     */
    public static Result load(DataSource dataSource, MirrorSql sql, String origin, Path archive, SignedRoot trustRoot)
            throws SQLException {
        long started = System.nanoTime();
        ArchiveManifest manifest;
        String manifestSha;
        try {
            manifest = ArchiveReader.manifest(archive);
            manifestSha = sha256(Files.readAllBytes(archive.resolve(ArchiveManifest.FILE)));
        } catch (IOException | ArchiveException e) {
            throw new IllegalStateException("herd.mirror.bootstrap.archive: cannot read the archive " + archive + ": "
                    + e.getMessage(), e);
        }
        if (!manifest.origin().equals(origin)) {
            throw new IllegalStateException("herd.mirror.bootstrap.archive: " + archive + " is an archive of origin '"
                    + manifest.origin() + "', this mirror follows '" + origin + "'");
        }
        try (Connection c = dataSource.getConnection()) {
            String loadedFrom = loadedFrom(c, origin);
            if (manifestSha.equals(loadedFrom)) {
                log.info("Bootstrap: the mirror of {} was loaded from {} before; continuing with the stream", origin,
                        archive);
                return new Result(false, Map.of(), manifest.cut(), (System.nanoTime() - started) / 1_000_000);
            }
            String holding = firstNonEmpty(c, sql, origin);
            if (loadedFrom != null || holding != null) {
                throw new IllegalStateException("herd.mirror.bootstrap.archive: the mirror already holds rows of origin '"
                        + origin + "' (" + (loadedFrom != null ? "loaded from another archive" : "in herd." + holding)
                        + "); an archive loads only an empty mirror. Remove the setting to go on with the stream");
            }
        }
        ArchiveVerdict verdict = ArchiveVerifier.verify(archive, trustRoot, Instant.now());
        if (!verdict.ok()) {
            throw new IllegalStateException("herd.mirror.bootstrap.archive: " + archive + " is not authentic and "
                    + "complete:\n" + verdict.describe());
        }
        log.info("Bootstrap: {} verified at position {} ({}); loading with COPY", archive, verdict.cut(),
                verdict.trustNote());
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                PGConnection pg = c.unwrap(PGConnection.class);
                for (var e : manifest.entities().entrySet()) {
                    rows.put(e.getKey(), copy(pg, sql.statement(e.getKey()), archive, e.getValue()));
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + MirrorSql.SCHEMA
                        + ".archive_bootstrap (origin, manifest_sha256, cut, rows_loaded) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, origin);
                    ps.setString(2, manifestSha);
                    ps.setString(3, manifest.cut().toString());
                    ps.setLong(4, rows.values().stream().mapToLong(Long::longValue).sum());
                    ps.executeUpdate();
                }
                noteSuccession(c, origin, archive);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        Result result = new Result(true, rows, manifest.cut(), (System.nanoTime() - started) / 1_000_000);
        log.info("Bootstrap: loaded {} rows of origin {} from {} at position {} in {} ms, verification included",
                result.total(), origin, archive, result.cut(), result.millis());
        return result;
    }

    private static long copy(PGConnection pg, MirrorSql.EntityStatement statement, Path archive,
            ArchiveManifest.EntityEntry entry) throws SQLException {
        try (CopyStream rows = new CopyStream(pg.getCopyAPI().copyIn(statement.copyIn()), statement, COPY_BUFFER)) {
            long[] line = {0};
            String source = "archive " + entry.file().path();
            long n = ArchiveReader.forEach(archive, entry, r -> {
                line[0]++;
                NeutralRecord record;
                try {
                    record = WireFormat.decode(r.value());
                } catch (WireFormatException e) {
                    throw new ArchiveException(entry.file().path() + " line " + line[0] + ", key " + new String(r.key(),
                            StandardCharsets.UTF_8) + ": " + e.getMessage());
                }
                // Each row keeps the record as signed, as the stream's rows do (V12): its fingerprint
                // for the checkpoint comparisons, its value and signature headers for archives.
                long fingerprint = RecordStatement.read(r.key(), r.value()).rowFingerprint();
                byte[] signature = StoredSignature.of(List.of(
                        new RecordHeader(SignatureHeaders.KEY_ID, r.keyId().getBytes(StandardCharsets.US_ASCII)),
                        new RecordHeader(SignatureHeaders.SIGNATURE, r.signature()),
                        new RecordHeader(SignatureHeaders.PROOF, r.proof())));
                try {
                    rows.add(new IncomingRecord(source, 0, line[0], r.key(), r.value(), record, fingerprint, signature));
                } catch (SQLException e) {
                    throw new IllegalStateException("COPY failed: " + SqlErrors.describe(e), e);
                }
            });
            rows.finish();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.file().path() + " of " + archive, e);
        }
    }

    /** The manifest digest of the archive the origin was loaded from, or null. */
    private static String loadedFrom(Connection c, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT manifest_sha256 FROM " + MirrorSql.SCHEMA
                + ".archive_bootstrap WHERE origin = ?")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The first entity table holding a row of the origin, or null. */
    private static String firstNonEmpty(Connection c, MirrorSql sql, String origin) throws SQLException {
        for (String entity : sql.statements().keySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + MirrorSql.SCHEMA + "."
                    + MirrorSql.quote(entity) + " WHERE origin = ? LIMIT 1")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return entity;
                    }
                }
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
