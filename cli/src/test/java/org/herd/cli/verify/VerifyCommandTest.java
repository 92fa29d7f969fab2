package org.herd.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.herd.cli.Herd;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerifyCommandTest {

    private final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** The properties {@code herd verify ARGS} hands to Spring Boot. */
    private java.util.List<String> properties(String... args) {
        VerifyCommand verify = new VerifyCommand(sink, sink);
        CommandLine commandLine = Herd.configure(new CommandLine(verify), sink, sink);
        commandLine.parseArgs(args);
        return verify.properties();
    }

    @Test
    void optionsStandForTheirPropertiesOnlyWhenGiven() {
        assertThat(properties("--rechecks=0", "--recheck-delay=2s", "--chunk-size", "500", "--keys-shown", "5",
                "--mirror-url", "jdbc:postgresql://m/h", "--herd.sidecar.origin=site"))
                .containsExactly("--herd.sidecar.origin=site", "--herd.verify.rechecks=0",
                        "--herd.verify.recheck-delay=2000ms", "--herd.verify.chunk-size=500",
                        "--herd.verify.keys-shown=5", "--herd.verify.mirror.url=jdbc:postgresql://m/h");
        assertThat(properties("--rechecks", "0", "--recheck-delay", "2s", "--chunk-size=500", "--keys-shown=5",
                "--mirror-url=jdbc:postgresql://m/h", "--herd.sidecar.origin", "site"))
                .containsExactlyInAnyOrderElementsOf(properties("--rechecks=0", "--recheck-delay=2s",
                        "--chunk-size", "500", "--keys-shown", "5", "--mirror-url", "jdbc:postgresql://m/h",
                        "--herd.sidecar.origin=site"));
        // Left out, a property keeps whatever the environment or herd-sidecar.properties says.
        assertThat(properties("--herd.verify.mirror.url=jdbc:postgresql://m/h")).containsExactly(
                "--herd.verify.mirror.url=jdbc:postgresql://m/h");
        assertThat(properties("--recheck-delay", "PT1M")).containsExactly("--herd.verify.recheck-delay=60000ms");
    }

    @Test
    void aMisspeltPropertyIsNamedBeforeAnythingRuns() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[] {"--herd.verify.mirror.ur=jdbc:postgresql://m/h"}, sink,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(VerifyCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown property: '--herd.verify.mirror.ur'",
                "did you mean --herd.verify.mirror.url?");
    }
}
