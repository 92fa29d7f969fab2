package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The herd command line, driven in process: help of every operator command with its defaults,
 * both spellings of an option, usage errors that exit 2 naming the option and the value, and the
 * Spring-style properties of the applications, checked without starting Spring.
 */
class HerdCommandLineTest {

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {

        /** The output with its line breaks and indentation as single spaces: help wraps where it likes. */
        String help() {
            return out.replaceAll("\\s+", " ");
        }
    }

    /** Arguments each application would have been started with; a launch is recorded, never run. */
    private final List<List<String>> launched = new ArrayList<>();

    private Run herd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = Herd.commandLine(o, e, new SidecarCommand(a -> launch("sidecar", a)),
                new MirrorCommand(a -> launch("mirror", a), a -> launch("mirror+serve", a)),
                new ServeCommand(a -> launch("serve", a))).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private int launch(String application, String[] args) {
        List<String> l = new ArrayList<>(List.of(application));
        l.addAll(List.of(args));
        launched.add(l);
        return 0;
    }

    @Test
    void mirrorBootstrapFromSetsTheArchiveProperty() {
        Run run = herd("mirror", "--bootstrap-from", "/srv/herd-mysite-2026-12", "--herd.mirror.origin=mysite");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(launched).singleElement().satisfies(l -> assertThat(l).contains("mirror",
                "--herd.mirror.origin=mysite", "--herd.mirror.bootstrap.archive=/srv/herd-mysite-2026-12"));
        assertThat(herd("archive", "--help").help()).contains("create", "verify", "Exit codes");
        assertThat(herd("archive", "verify").exit()).isEqualTo(2);
    }

    @Test
    void withoutArgumentsItListsTheCommandsAndExitsTwo() {
        Run run = herd();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: herd", "sidecar", "mirror", "verify", "quarantine", "grants");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsTheOperatorsCommandsOnly() {
        Run run = herd("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("sidecar", "mirror", "verify", "quarantine", "grants", "Exit codes")
                .doesNotContain("demo", "bench", "crash", "kafka");
        Run help = herd("help", "grants");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: herd grants", "--database");
    }

    @Test
    void everyCommandsHelpShowsItsOptionsWithTheirDefaults() {
        assertThat(herd("grants", "--help").help()).contains("--database=NAME", "(default: gazelle)",
                "(default: pseudonymous)", "(default: no)", "(default: whatcd)", "NONE, PSEUDONYMOUS, PUBLIC");
        // Verify's options stand for properties: the defaults are the properties' own.
        assertThat(herd("verify", "--help").help()).contains("--rechecks=N", "default: 3", "--recheck-delay=DURATION",
                "default: 5s", "--chunk-size=N", "default: 1000", "--keys-shown=N", "default: 20", "--repair",
                "--herd.verify.mirror.url", "(default: 100000)", "Exit codes");
        assertThat(herd("sidecar", "--help").help()).contains("--herd.sidecar.origin", "(required)",
                "--herd.sidecar.source.port", "(default: 3306)", "--herd.sidecar.kafka.properties.<key>",
                "(default: PSEUDONYMOUS)", "docs/configuration.md", "HERD_SIDECAR_SOURCE_PASSWORD", "Exit codes");
        assertThat(herd("mirror", "--help").help()).contains("--herd.mirror.origin", "--spring.datasource.url",
                "--herd.mirror.batch-size", "(default: 2000)", "herd-mirror.properties", "status");
        assertThat(herd("mirror", "status", "--help").help()).contains("--mirror-url", "--spring.datasource.url",
                "HERD_MIRROR_PASSWORD", "Exit codes");
        // "status" is the subcommand, not an argument of the replicator.
        Run status = herd("mirror", "status", "--mirror-url", "mysql://x");
        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).contains("'mysql://x' is not a jdbc:postgresql: URL");
        assertThat(launched).as("herd mirror status starts no replicator").isEmpty();
        assertThat(herd("quarantine", "--help").help()).contains("list", "replay");
        assertThat(herd("quarantine", "list", "--help").help()).contains("--mirror=JDBC_URL", "--kafka=SERVERS",
                "--resolved", "--herd.sidecar.kafka.properties.<key>");
        assertThat(herd("quarantine", "replay", "--help").help()).contains("--id=N", "--all", "--database=DB",
                "--table=TABLE");
        for (String command : List.of("sidecar", "mirror", "verify", "quarantine", "grants")) {
            assertThat(herd(command, "--help").exit()).as(command).isZero();
        }
    }

    @Test
    void anOptionTakesItsValueAfterAnEqualsSignOrAsTheNextArgument() {
        Run joined = herd("grants", "--database=site", "--user=replica", "--host=10.0.0.5", "--users=none",
                "--info-hash=yes", "--variant=ops");
        Run apart = herd("grants", "--database", "site", "--user", "replica", "--host", "10.0.0.5", "--users", "none",
                "--info-hash", "yes", "--variant", "ops");
        assertThat(joined.exit()).isZero();
        assertThat(joined.out()).contains("'replica'@'10.0.0.5'", "`site`.`torrents`", "OPS schema",
                "user policy NONE, info_hash opted in").isEqualTo(apart.out());
        // A trailing option is not dropped.
        assertThat(herd("grants", "--variant", "ops").out()).contains("OPS schema");

        herd("sidecar", "--herd.sidecar.origin", "mysite", "--herd.sidecar.kafka.bootstrap-servers=k:9092");
        herd("sidecar", "--herd.sidecar.origin=mysite", "--herd.sidecar.kafka.bootstrap-servers", "k:9092");
        assertThat(launched).hasSize(2);
        assertThat(launched.get(0)).isEqualTo(launched.get(1)).containsExactly("sidecar",
                "--herd.sidecar.origin=mysite", "--herd.sidecar.kafka.bootstrap-servers=k:9092");
    }

    @Test
    void unknownOptionsAndBadValuesExitTwoNamingThem() {
        Run colour = herd("grants", "--colour", "red");
        assertThat(colour.exit()).isEqualTo(2);
        assertThat(colour.err()).contains("herd grants: Unknown option: '--colour'", "herd grants --help")
                .doesNotContain("red");
        Run users = herd("grants", "--users", "sometimes");
        assertThat(users.exit()).isEqualTo(2);
        assertThat(users.err()).contains("'--users'", "'sometimes'");
        Run rechecks = herd("verify", "--rechecks", "x");
        assertThat(rechecks.exit()).isEqualTo(2);
        assertThat(rechecks.err()).contains("'--rechecks'", "'x'");
        Run delay = herd("verify", "--recheck-delay=soon");
        assertThat(delay.exit()).isEqualTo(2);
        assertThat(delay.err()).contains("'--recheck-delay'", "'soon'", "not a duration");
        Run unknown = herd("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unexpected argument: 'frobnicate'");
    }

    @Test
    void theSidecarRefusesAnUnknownArgumentWithoutStartingSpring() {
        Run run = herd("sidecar", "--nonsense");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("herd sidecar: Unknown option: '--nonsense'", "herd sidecar --help");
        assertThat(herd("mirror", "--nonsense=1").err()).contains("herd mirror: Unknown option: '--nonsense'");
        assertThat(herd("sidecar", "mysite").err()).contains("Unexpected argument: 'mysite'");
        Run mirrorProperty = herd("sidecar", "--herd.mirror.origin=site");
        assertThat(mirrorProperty.exit()).isEqualTo(2);
        assertThat(mirrorProperty.err()).contains("'--herd.mirror.origin'", "herd.sidecar.*");
        Run missing = herd("sidecar", "--herd.sidecar.origin");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing value for option '--herd.sidecar.origin'");
        assertThat(launched).isEmpty();
    }

    @Test
    void aMisspeltHerdPropertyIsRefusedWithTheClosestKnownOneAndNeverItsValue() {
        Run run = herd("sidecar", "--herd.sidecar.source.pasword=s3cr3t-pw");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown property: '--herd.sidecar.source.pasword'",
                "did you mean --herd.sidecar.source.password?").doesNotContain("s3cr3t-pw");
        assertThat(herd("mirror", "--herd.mirror.kafka.bootstrap-server", "k:9092").err())
                .contains("did you mean --herd.mirror.kafka.bootstrap-servers?");
        assertThat(launched).isEmpty();
    }

    @Test
    void validPropertiesPassThroughAsSpringBootReadsThem() {
        Run run = herd("sidecar", "--herd.sidecar.origin=mysite",
                "--herd.sidecar.kafka.bootstrapServers", "k:9092",
                "--herd.sidecar.kafka.properties.security.protocol=SASL_SSL",
                "--herd.sidecar.kafka.properties[sasl.mechanism]=SCRAM-SHA-512",
                "--herd.sidecar.debezium[snapshot.mode]=when_needed",
                "--herd.sidecar.exclude-tables[0]=comments",
                "--spring.main.banner-mode", "off",
                "--logging.level.org.herd=DEBUG",
                "--management.endpoints.jmx.exposure.include=health",
                "--debug",
                "--herd.sidecar.origin=othersite");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(launched).containsExactly(List.of("sidecar",
                "--herd.sidecar.kafka.bootstrapServers=k:9092",
                "--herd.sidecar.kafka.properties.security.protocol=SASL_SSL",
                "--herd.sidecar.kafka.properties[sasl.mechanism]=SCRAM-SHA-512",
                "--herd.sidecar.debezium[snapshot.mode]=when_needed",
                "--herd.sidecar.exclude-tables[0]=comments",
                "--spring.main.banner-mode=off",
                "--logging.level.org.herd=DEBUG",
                "--management.endpoints.jmx.exposure.include=health",
                "--debug",
                // A later setting of a property replaces an earlier one.
                "--herd.sidecar.origin=othersite"));
        herd("mirror", "--herd.mirror.origin=site", "--spring.datasource.url=jdbc:postgresql://db/m",
                "--herd.mirror.embedded-postgres.enabled=true");
        assertThat(launched.get(1)).containsExactly("mirror", "--herd.mirror.origin=site",
                "--spring.datasource.url=jdbc:postgresql://db/m", "--herd.mirror.embedded-postgres.enabled=true");
    }

    @Test
    void serveRunsTheWebServerAloneOrBesideAMirror() {
        assertThat(herd("serve", "--help").help()).contains("Usage: herd serve", "--herd.serve.port",
                "(default: 8080)", "--herd.serve.read-tokens", "herd-serve.properties", "herd mirror --serve");
        assertThat(herd("mirror", "--help").help()).contains("--serve", "--herd.serve.*");

        herd("serve", "--herd.serve.port", "8081", "--spring.datasource.url=jdbc:postgresql://db/m");
        herd("mirror", "--serve", "--herd.mirror.origin=site", "--herd.serve.site-name=My mirror");
        herd("mirror", "--herd.mirror.origin=site");
        assertThat(launched).containsExactly(
                List.of("serve", "--herd.serve.port=8081", "--spring.datasource.url=jdbc:postgresql://db/m"),
                List.of("mirror+serve", "--herd.mirror.origin=site", "--herd.serve.site-name=My mirror"),
                List.of("mirror", "--herd.mirror.origin=site"));

        // The web server's properties without the web server: named, exit code 2, nothing started.
        Run without = herd("mirror", "--herd.mirror.origin=site", "--herd.serve.port=8081");
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).contains("'--herd.serve.port' configures the web server: add --serve");
        Run typo = herd("serve", "--herd.serve.prot=8081");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown property: '--herd.serve.prot'", "did you mean --herd.serve.port?");
        assertThat(launched).hasSize(3);
    }

    @Test
    void theApplicationsExitCodeIsTheCommands() {
        CommandLine herd = Herd.commandLine(System.out, System.err, new SidecarCommand(a -> Herd.USAGE),
                new MirrorCommand(a -> Herd.FAILURE, a -> Herd.USAGE), new ServeCommand(a -> Herd.FAILURE));
        assertThat(herd.execute("sidecar", "--herd.sidecar.origin=x")).isEqualTo(2);
        assertThat(herd.execute("mirror", "--herd.mirror.origin=x")).isEqualTo(1);
        assertThat(herd.execute("mirror", "--serve", "--herd.mirror.origin=x")).isEqualTo(2);
        assertThat(herd.execute("serve", "--herd.serve.port=8081")).isEqualTo(1);
    }
}
