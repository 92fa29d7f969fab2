package org.herd.cli.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.CarriedUserReferences;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.LeakScan;
import org.herd.testkit.MirrorArguments;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestTrust;
import org.herd.testkit.canary.CanaryPlanter;
import org.herd.testkit.canary.CanaryScan;
import org.herd.testkit.canary.Planting;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.MirrorSource;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * A site outlives its origin, for one Gazelle variant: a generated site with canaries in every
 * non-public column, its sidecar and a mirror; then {@code herd restore --gazelle} rebuilds a
 * Gazelle database from that mirror alone (into a database where Gazelle was installed first, which
 * it refuses untouched without {@code --replace}); a second sidecar on the rebuilt database, with
 * the pseudonyms carried over, feeds a second mirror. The rebuilt site's public state equals the
 * first mirror by verify's comparison, the second mirror equals the first, and no canary is
 * anywhere in the rebuilt database, while the public values planted the same way are.
 *
 * <p>Both sidecars run the default user policy, pseudonymous, under the same origin id: the rebuilt
 * site is the same site, and its records reach the second mirror on topics of their own prefix.
 */
abstract class AbstractRestoreRoundTripIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String originDb = "rt_origin_" + id;
    private final String restoredDb = "rt_rebuilt_" + id;
    private final String mirrorDb = "rt_mirror_" + id;
    private final String secondMirrorDb = "rt_mirror2_" + id;
    private final String origin = "rt-" + id;
    private final String rebuiltPrefix = TopicNames.defaultPrefix(origin) + "-rebuilt";
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    /** The Gazelle variant under test. */
    protected abstract GazelleVariant variant();

    @AfterEach
    void stopApps() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aSiteRebuiltFromItsMirrorPublishesWhatTheMirrorHeldAndNoSecret() throws Exception {
        stack.mariaDb().createDatabase(originDb);
        stack.postgres().createDatabase(mirrorDb);
        stack.postgres().createDatabase(secondMirrorDb);
        CanaryPlanter planter = new CanaryPlanter(GazelleCatalogue.of(variant()));
        try (Connection c = stack.mariaDb().connect(originDb)) {
            GazelleSchema.load(c, variant());
            new GazelleDataGenerator(new GeneratorSettings(31, 0.0005)).load(c, variant(), null);
            planter.plant(c);
        }

        // The origin, its sidecar and a mirror; then the origin is gone.
        ConfigurableApplicationContext sidecar = startSidecar(originDb, TopicNames.defaultPrefix(origin), false);
        ConfigurableApplicationContext mirror = startMirror(mirrorDb, TopicNames.defaultPrefix(origin));
        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        Translator first = new Translator(SidecarArguments.embeddedSettings(origin, variant()));
        Verification.Result mirrored = converge(first, originDb, mirrorDb);
        assertThat(mirrored.entities().get("release").mirrorRows()).isGreaterThan(100);
        sidecar.close();
        mirror.close();

        // A database where the new site's Gazelle was installed: refused untouched, then replaced.
        installGazelle();
        String installed = contents(restoredDb);
        Run refused = restore(false);
        assertThat(refused.exit()).as(refused.err()).isEqualTo(RestoreCommand.FAILED);
        assertThat(refused.err()).contains("the target database '" + restoredDb + "' is not empty")
                .contains("--replace");
        assertThat(contents(restoredDb)).isEqualTo(installed);

        Run restored = restore(true);
        System.out.printf("%s, scale 0.0005:%n%s", variant(), restored.out());
        assertThat(restored.exit()).as(restored.err()).isEqualTo(RestoreCommand.RESTORED);
        assertThat(restored.out()).doesNotContain("could not be written");
        checkTheRebuiltSite(restored.out());

        // herd verify's comparison: the rebuilt site, as a sidecar would publish it, against the first mirror.
        Map<Long, String> carried;
        try (Connection c = stack.mariaDb().connect(restoredDb)) {
            carried = CarriedUserReferences.read(c);
        }
        assertThat(carried).isNotEmpty();
        Translator second = new Translator(new TranslatorSettings(origin, variant(), UserReferences.pseudonymous(
                SidecarArguments.EMBEDDED_PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8)).withCarried(carried), false));
        Verification.Result rebuiltVsMirror = Verification.compare(origin(second, restoredDb),
                () -> stack.mariaDb().connect(restoredDb), stack.postgres().dataSource(mirrorDb)::getConnection,
                Verification.Settings.SINGLE_PASS);
        System.out.printf("%s: the rebuilt site against the first mirror:%n%s", variant(),
                rebuiltVsMirror.report("mirror 1"));
        assertThat(rebuiltVsMirror.untranslatable()).isEmpty();
        equalButForScrubbedLogs(rebuiltVsMirror, "false", "true");

        scanTheRebuiltSite(planter.planted());

        // A sidecar on the rebuilt site, carrying the pseudonyms over, and a second mirror.
        ConfigurableApplicationContext rebuiltSidecar = startSidecar(restoredDb, rebuiltPrefix, true);
        assertThat(rebuiltSidecar.getBean(Translator.class).settings().users().carriedCount())
                .isEqualTo(carried.size());
        startMirror(secondMirrorDb, rebuiltPrefix);
        await().atMost(Duration.ofMinutes(3))
                .until(rebuiltSidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        converge(second, restoredDb, secondMirrorDb);
        Verification.Result mirrors;
        try (Connection m1 = stack.postgres().dataSource(mirrorDb).getConnection();
                Connection m2 = stack.postgres().dataSource(secondMirrorDb).getConnection()) {
            mirrors = new Verification(new MirrorSource(m1, origin), new MirrorSource(m2, origin),
                    NeutralSchema.entities(), Verification.Settings.SINGLE_PASS, Optional::empty, d -> { }).run();
        }
        System.out.printf("%s: the first mirror against the second:%n%s", variant(), mirrors.report("mirror 2"));
        equalButForScrubbedLogs(mirrors, "true", "false");
        assertThat(mirrors.entities().get("forum_post").originRows()).isPositive();
    }

    /**
     * Equal, but for the one field that cannot round-trip: {@code release_log.scrubbed}. The rebuilt
     * site stores a log as mirrors hold it, already scrubbed, so its sidecar finds nothing to scrub
     * and publishes false where the old site published true (docs/survival.md). Every such log, and
     * nothing else, differs, in that field alone.
     */
    private void equalButForScrubbedLogs(Verification.Result result, String firstSide, String secondSide)
            throws SQLException {
        long scrubbed;
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection(); Statement s = c.createStatement()) {
            scrubbed = Long.parseLong(single(s, "SELECT COUNT(*) FROM herd.release_log WHERE origin = '" + origin
                    + "' AND NOT deleted AND scrubbed"));
        }
        result.entities().forEach((entity, e) -> {
            if (!entity.equals("release_log")) {
                assertThat(e.equal()).as(entity).isTrue();
            }
        });
        Verification.EntityResult logs = result.entities().get("release_log");
        assertThat(logs.count(Verification.Kind.MISSING) + logs.count(Verification.Kind.EXTRA)).isZero();
        assertThat(logs.count(Verification.Kind.DIFFERING)).isEqualTo(scrubbed);
        assertThat(logs.differences()).allSatisfy(d -> assertThat(d.detail())
                .isEqualTo("scrubbed: origin '" + firstSide + "', mirror '" + secondSide + "'"));
        if (variant() == GazelleVariant.WHATCD) {
            assertThat(scrubbed).as("logs the old site scrubbed").isPositive();
        }
    }

    /** Waits until a mirror equals a Gazelle database as {@code translator} publishes it. */
    private Verification.Result converge(Translator translator, String gazelleDb, String mirror) throws Exception {
        Verification.Result result = new MirrorConvergence(origin(translator, gazelleDb),
                () -> stack.mariaDb().connect(gazelleDb))
                .awaitEqual(stack.postgres().dataSource(mirror)::getConnection, Duration.ofMinutes(3));
        assertThat(result.untranslatable()).isEmpty();
        return result;
    }

    private Verification.Origin origin(Translator translator, String gazelleDb) {
        return Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb)));
    }

    /**
     * Herd's tables as Gazelle's installer leaves them, one of Gazelle's own that Herd does not
     * restore (permissions) and an account made at installation.
     */
    private void installGazelle() throws SQLException {
        stack.mariaDb().createDatabase(restoredDb);
        try (Connection c = stack.mariaDb().connect(restoredDb); Statement s = c.createStatement()) {
            GazelleSchema.load(c, variant());
            s.execute("CREATE TABLE permissions (ID int PRIMARY KEY, Level int NOT NULL, Name varchar(25) NOT NULL)");
            s.execute("INSERT INTO permissions VALUES (2, 100, 'User'), (15, 1000, 'Sysop')");
            s.execute("INSERT INTO users_main (ID, Username, Email, PassHash, torrent_pass, PermissionID"
                    + (variant() == GazelleVariant.OPS ? ", auth_key, stylesheet_id" : ", Secret, Title")
                    + ") VALUES (1, 'installer', 'installer@example.org', 'x', 'y', 15"
                    + (variant() == GazelleVariant.OPS ? ", 'z', 1" : ", 'z', ''") + ")");
            if (variant() == GazelleVariant.OPS) {
                s.execute("INSERT INTO release_type VALUES (1, 'Album'), (21, 'Unknown')");
            }
        }
    }

    /** Every table of a database with its row count and checksum. */
    private String contents(String database) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = stack.mariaDb().connect(database); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + table + "`")) {
                    rs.next();
                    b.append(table).append('=').append(rs.getString(2)).append('\n');
                }
            }
        }
        return b.toString();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run restore(boolean replace) {
        List<String> args = new ArrayList<>(List.of("--gazelle", "--variant", variant().name().toLowerCase(),
                "--origin", origin, "--mirror-url", stack.postgres().jdbcUrl(mirrorDb),
                "--mirror-user", stack.postgres().user(), "--mirror-password", stack.postgres().password(),
                "--target-url", stack.mariaDb().jdbcUrl(restoredDb), "--target-user", stack.mariaDb().user(),
                "--target-password", stack.mariaDb().password(), "--admin-username", "sysop"));
        if (replace) {
            args.add("--replace");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RestoreCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** What the new site holds besides the public rows: its own tables, placeholders, an administrator. */
    private void checkTheRebuiltSite(String output) throws SQLException {
        Matcher password = Pattern.compile("One-time password, shown only now: (\\S+)").matcher(output);
        assertThat(password.find()).isTrue();
        try (Connection c = stack.mariaDb().connect(restoredDb); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT COUNT(*) FROM permissions")).isEqualTo("2");
            assertThat(single(s, "SELECT COUNT(*) FROM users_main WHERE Username = 'installer'")).isEqualTo("0");
            if (variant() == GazelleVariant.OPS) {
                assertThat(single(s, "SELECT COUNT(*) FROM release_type")).isEqualTo("2");
            }
            // Placeholders nobody can log in to; one administrator who can, with the password printed.
            assertThat(single(s, "SELECT COUNT(*) FROM users_main WHERE Username <> 'sysop' AND (Email <> '' "
                    + "OR PassHash <> '' OR torrent_pass <> '' OR Enabled <> '2')")).isEqualTo("0");
            assertThat(single(s, "SELECT COUNT(*) FROM users_main WHERE Username <> 'sysop'")).isNotEqualTo("0");
            assertThat(single(s, "SELECT CONCAT(Enabled, ' ', PermissionID) FROM users_main WHERE Username = 'sysop'"))
                    .isEqualTo("1 15");
            String hash = single(s, "SELECT PassHash FROM users_main WHERE Username = 'sysop'");
            String typed = variant() == GazelleVariant.OPS ? sha256Hex(password.group(1)) : password.group(1);
            assertThat(OpenBSDBCrypt.checkPassword(hash, typed.toCharArray())).isTrue();
            // Gazelle's copies, recomputed: a group's TagList names its tags, a topic counts its posts.
            assertThat(single(s, "SELECT COUNT(*) FROM torrents_group g WHERE TagList <> '' AND EXISTS "
                    + "(SELECT 1 FROM torrents_tags tt WHERE tt.GroupID = g.ID)")).isNotEqualTo("0");
            assertThat(single(s, "SELECT COUNT(*) FROM forums_topics t WHERE NumPosts <> "
                    + "(SELECT COUNT(*) FROM forums_posts p WHERE p.TopicID = t.ID)")).isEqualTo("0");
            // Private tables stay empty.
            assertThat(single(s, "SELECT COUNT(*) FROM pm_messages")).isEqualTo("0");
            assertThat(single(s, "SELECT COUNT(*) FROM pm_conversations")).isEqualTo("0");
        }
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * No canary planted at the origin is anywhere in the rebuilt database; every public control the
     * first mirror holds is.
     */
    private void scanTheRebuiltSite(Planting planted) throws SQLException {
        CanaryScan mirrored = new CanaryScan(List.of(), planted.controls());
        try (Connection c = stack.postgres().dataSource(mirrorDb).getConnection()) {
            LeakScan.postgres(c, mirrored);
        }
        assertThat(mirrored.controlsFound()).isNotEmpty();
        CanaryScan rebuilt = new CanaryScan(planted.canaries(), planted.controls());
        LeakScan.Scanned scanned;
        try (Connection c = stack.mariaDb().connect(restoredDb)) {
            scanned = LeakScan.gazelle(c, rebuilt);
        }
        System.out.printf("%s: scanned %d rows of %d tables of the rebuilt site for %d canaries%n", variant(),
                scanned.items(), scanned.sources().size(), planted.canaries().size());
        assertThat(scanned.sources()).contains("torrents", "users_main", CarriedUserReferences.TABLE);
        assertThat(rebuilt.leaks()).as(rebuilt.describeLeaks()).isEmpty();
        assertThat(rebuilt.controlsFound()).containsAll(mirrored.controlsFound());
    }

    private ConfigurableApplicationContext startSidecar(String database, String prefix, boolean carried) {
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb(), database,
                stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.kafka.topic-prefix=" + prefix);
        if (carried) {
            properties.add("herd.sidecar.privacy.carried-references=true");
        }
        ConfigurableApplicationContext app = SidecarApplication.builder().properties(properties.toArray(String[]::new))
                .run();
        apps.add(app);
        return app;
    }

    private ConfigurableApplicationContext startMirror(String database, String prefix) {
        List<String> properties = MirrorArguments.embedded(origin, stack.kafka().bootstrapServers(), stack.postgres(),
                database, database);
        properties.add("herd.mirror.topic-prefix=" + prefix);
        ConfigurableApplicationContext app = ReplicatorApplication.builder()
                .properties(properties.toArray(String[]::new)).run();
        apps.add(app);
        return app;
    }
}
