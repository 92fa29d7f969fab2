package org.herd.cli.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RestoreCommandTest {

    private static final String SECRET = "hunter2-do-not-print";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RestoreCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] valid(String... replacing) {
        List<String> args = new ArrayList<>(List.of("--gazelle", "--variant", "whatcd", "--origin", "site-1",
                "--mirror-url", "jdbc:postgresql://127.0.0.1:1/mirror", "--target-url",
                "jdbc:mariadb://127.0.0.1:1/gazelle", "--target-password", SECRET, "--mirror-password", SECRET));
        for (int i = 0; i + 1 < replacing.length; i += 2) {
            int at = args.indexOf(replacing[i]);
            if (at >= 0) {
                args.set(at + 1, replacing[i + 1]);
            } else {
                args.add(replacing[i]);
                args.add(replacing[i + 1]);
            }
        }
        return args.toArray(String[]::new);
    }

    @Test
    void requiredOptionsAreNamed() {
        Run r = run("--variant", "ops", "--origin", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--gazelle").contains("--mirror-url").contains("--target-url");
    }

    @Test
    void anUnknownVariantIsNamed() {
        Run r = run(valid("--variant", "redacted"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--variant must be whatcd or ops, not 'redacted'");
    }

    @Test
    void urlsOfTheWrongKindAreRefusedWithoutTheirCredentials() {
        Run mirror = run(valid("--mirror-url", "jdbc:mysql://u:" + SECRET + "@host/db"));
        assertThat(mirror.exit()).isEqualTo(2);
        assertThat(mirror.err()).contains("--mirror-url must be a PostgreSQL JDBC URL").doesNotContain(SECRET);

        Run target = run(valid("--target-url", "jdbc:postgresql://host/db?password=" + SECRET));
        assertThat(target.exit()).isEqualTo(2);
        assertThat(target.err()).contains("--target-url must be a MariaDB or MySQL JDBC URL").doesNotContain(SECRET);
    }

    @Test
    void badOriginsAndAdministratorNamesAreNamed() {
        assertThat(run(valid("--origin", "Not An Origin")).err()).contains("--origin 'Not An Origin' must match");
        Run admin = run(valid("--admin-username", "bad name!"));
        assertThat(admin.exit()).isEqualTo(2);
        assertThat(admin.err()).contains("--admin-username 'bad name!' is not a Gazelle user name");
    }

    @Test
    void anUnreachableServerFailsWithExitTwoAndNoPassword() {
        Run r = run(valid());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("herd restore: ");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }

    @Test
    void springsPropertyNamesNameTheMirrorToo() {
        Run r = run("--gazelle", "--variant", "ops", "--origin", "site-1",
                "--spring.datasource.url=jdbc:mysql://host/db", "--target-url", "jdbc:mariadb://127.0.0.1:1/g");
        assertThat(r.err()).contains("--mirror-url must be a PostgreSQL JDBC URL (jdbc:postgresql://...), not "
                + "jdbc:mysql://host/db");
    }

    @Test
    void helpListsTheOptions() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--admin-username", "--replace", RestoreCommand.TARGET_PASSWORD_ENV);
    }
}
