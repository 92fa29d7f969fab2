package org.herd.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.herd.bench.BenchOptions;
import org.herd.crash.CrashOptions;
import org.herd.demo.DemoOptions;
import org.junit.jupiter.api.Test;

/**
 * herd-lab.jar's command line: the operator's commands and the lab's on one root, each lab
 * command's help with its defaults, and its usage errors. Nothing here starts a server.
 */
class HerdLabTest {

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {

        /** The output with its line breaks and indentation as single spaces: help wraps where it likes. */
        String help() {
            return out.replaceAll("\\s+", " ");
        }
    }

    private static Run herd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HerdLab.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheOperatorsAndTheLabsCommandsButNotTheHiddenBroker() {
        Run run = herd("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("sidecar", "mirror", "verify", "quarantine", "grants", "demo", "bench", "crash")
                .doesNotContain("kafka");
        assertThat(herd().exit()).isEqualTo(2);
    }

    @Test
    void everyLabCommandsHelpShowsItsOptionsWithTheirDefaults() {
        assertThat(herd("demo", "--help").help()).contains("--once", "--scale=S", "(default: 0.001)",
                "--steps=N", "(default: 30)", "--seed=N", "(default: 42)", "Exit codes");
        // The usage is what the bench parses: every option of BenchOptions, and not the child's role.
        assertThat(herd("bench", "--help").help()).contains("--scale=S", "(default: 0.02)", "--rates=R[,R...]",
                "(default: 1000,2000,5000,7500,10000)", "--rate-seconds=N", "(default: 20)", "--noise-seconds=N",
                "(default: 10)", "--workload-threads=N", "(default: 8)", "--no-pgloader", "--out=FILE",
                "--sidecar-jvm", "--mirror-jvm", "-XX:+UseSerialGC", "--jfr", "--seed=N", "--mix=SPEC",
                "--generator-only", "--scales=S[,S...]", "--profile").doesNotContain("--child");
        assertThat(herd("crash", "--help").help()).contains("--cycles=N", "(default: 20)", "--seed=N",
                "(default: 1)", "--scale=S", "(default: 0.0005)", "--rate=N", "--work-dir=DIR");
        assertThat(herd("help", "kafka").help()).contains("--log-dir=DIR", "--port=PORT", "--controller-port=PORT");
        for (String command : List.of("demo", "bench", "crash", "kafka", "sidecar", "mirror", "verify", "grants")) {
            assertThat(herd(command, "--help").exit()).as(command).isZero();
        }
    }

    @Test
    void labOptionsTakeTheirValueEitherWay() {
        assertThat(BenchOptions.parse("--scale=0.0005", "--rates=50,100", "--rate-seconds=3", "--no-pgloader",
                "--out=r.json", "--sidecar-jvm=-Xmx300m -XX:+UseSerialGC"))
                .isEqualTo(BenchOptions.parse("--scale", "0.0005", "--rates", "50,100", "--rate-seconds", "3",
                        "--no-pgloader", "--out", "r.json", "--sidecar-jvm", "-Xmx300m -XX:+UseSerialGC"));
        BenchOptions bench = BenchOptions.parse("--rates", "50,100", "--sidecar-jvm", "-Xmx300m  -XX:+UseSerialGC");
        assertThat(bench.rates()).containsExactly(50, 100);
        assertThat(bench.sidecarJvmAt(bench.scale())).containsExactly("-Xmx300m", "-XX:+UseSerialGC");
        assertThat(bench.mirrorJvm()).contains("-Xmx256m");
        // Without --sidecar-jvm, the sidecar's heap follows the site's size.
        BenchOptions sized = BenchOptions.parse("--scale", "0.1");
        assertThat(sized.sidecarJvmAt(0.1)).contains("-Xmn64m").doesNotContain("-Xmn144m");
        assertThat(sized.sidecarJvmAt(0.02)).contains("-Xmn144m");
        assertThat(bench.pgloader()).isTrue();
        assertThat(bench.out()).isNull();
        assertThat(CrashOptions.parse("--cycles=3", "--work-dir=w")).isEqualTo(CrashOptions.parse("--cycles", "3",
                "--work-dir", "w")).isEqualTo(new CrashOptions(3, 1, 0.0005, 20, Path.of("w")));
        assertThat(DemoOptions.parse("--seed=7")).isEqualTo(DemoOptions.parse("--seed", "7"));
        assertThatThrownBy(() -> BenchOptions.parse("--rates", "50,x")).hasMessageContaining("'--rates'")
                .hasMessageContaining("'x'");
    }

    @Test
    void badValuesAndUnknownOptionsExitTwoNamingThem() {
        Run zero = herd("bench", "--rate-seconds", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("herd bench: --rate-seconds must be at least 1, got 0", "herd bench --help");
        Run rates = herd("bench", "--rates=50,-1");
        assertThat(rates.exit()).isEqualTo(2);
        assertThat(rates.err()).contains("--rates", "-1");
        Run scale = herd("demo", "--scale", "big");
        assertThat(scale.exit()).isEqualTo(2);
        assertThat(scale.err()).contains("herd demo: Invalid value for option '--scale': 'big'");
        Run range = herd("demo", "--scale=3");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.err()).contains("--scale must be in (0, 2], got 3.0");
        Run cycles = herd("crash", "--cycles", "0");
        assertThat(cycles.exit()).isEqualTo(2);
        assertThat(cycles.err()).contains("--cycles must be at least 1");
        Run fast = herd("crash", "--fast");
        assertThat(fast.exit()).isEqualTo(2);
        assertThat(fast.err()).contains("herd crash: Unknown option: '--fast'");
        Run stray = herd("bench", "extra");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("Unexpected argument: 'extra'");
        Run broker = herd("kafka", "--port", "9092");
        assertThat(broker.exit()).isEqualTo(2);
        assertThat(broker.err()).contains("herd kafka: Missing required options", "--log-dir", "--controller-port");
        Run child = herd("bench", "--child", "tracker");
        assertThat(child.exit()).isEqualTo(2);
        assertThat(child.err()).contains("'--child'", "'tracker'");
    }
}
