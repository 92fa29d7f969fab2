package org.herd.cli.restore;

import java.io.PrintWriter;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.AdminAccount;
import org.herd.restore.GazelleRestore;
import org.herd.restore.RestoreException;
import org.herd.restore.RestoreReport;
import org.herd.restore.UserPlan;
import org.herd.translator.TranslatorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd restore --gazelle}: rebuilds a Gazelle database from a mirror, every public row the
 * mirror holds of one origin, in the variant's schema ({@link GazelleRestore}; docs/survival.md).
 * Exit 0 when restored, 2 for bad usage or when the restore could not run (a server unreachable,
 * the target not empty, the mirror without the origin). Passwords come from options or from the
 * environment and are masked in every message.
 */
@Command(name = "restore", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Rebuild a Gazelle database from a mirror: every public row the mirror holds of one origin, "
                + "in the variant's schema, with placeholder accounts for the users it names (see docs/survival.md).")
public final class RestoreCommand implements Callable<Integer> {

    public static final int RESTORED = 0;
    public static final int FAILED = 2;
    /** Environment variables the passwords may come from instead of the command line. */
    public static final String MIRROR_PASSWORD_ENV = "HERD_RESTORE_MIRROR_PASSWORD";
    public static final String TARGET_PASSWORD_ENV = "HERD_RESTORE_TARGET_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--gazelle", required = true,
            description = "Write a Gazelle database (the only kind of target today).")
    boolean gazelle;

    @Option(names = "--variant", required = true, paramLabel = "whatcd|ops",
            description = "The Gazelle variant whose schema to write.")
    String variant;

    @Option(names = "--origin", required = true, paramLabel = "ORIGIN",
            description = "The origin whose rows to restore, as the mirror names it (herd.mirror.origin).")
    String origin;

    @Option(names = {"--mirror-url", "--spring.datasource.url"}, required = true, paramLabel = "URL",
            description = "The mirror's PostgreSQL: jdbc:postgresql://host:5432/db (the mirror's spring.datasource.url).")
    String mirrorUrl;

    @Option(names = {"--mirror-user", "--spring.datasource.username"}, defaultValue = "", paramLabel = "USER",
            description = "The mirror's user; reading herd.* is enough.")
    String mirrorUser;

    @Option(names = {"--mirror-password", "--spring.datasource.password"}, paramLabel = "PASSWORD",
            defaultValue = "${env:" + MIRROR_PASSWORD_ENV + ":-}",
            description = "The mirror user's password; default: environment variable " + MIRROR_PASSWORD_ENV + ".")
    String mirrorPassword;

    @Option(names = "--target-url", required = true, paramLabel = "URL",
            description = "The MariaDB or MySQL database to write: jdbc:mariadb://host:3306/db or jdbc:mysql://...; "
                    + "it must be empty unless --replace.")
    String targetUrl;

    @Option(names = "--target-user", defaultValue = "", paramLabel = "USER",
            description = "The target's user: it creates and drops tables.")
    String targetUser;

    @Option(names = "--target-password", paramLabel = "PASSWORD",
            defaultValue = "${env:" + TARGET_PASSWORD_ENV + ":-}",
            description = "The target user's password; default: environment variable " + TARGET_PASSWORD_ENV + ".")
    String targetPassword;

    @Option(names = "--admin-username", paramLabel = "NAME",
            description = "Also create the site's first administrator (Sysop) with this name and print its one-time "
                    + "password.")
    String adminUsername;

    @Option(names = "--replace",
            description = "Replace the tables Herd restores in a target that already holds tables (for example one "
                    + "where Gazelle's own schema was installed); without it such a target is refused and left as it is.")
    boolean replace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GazelleRestore.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("herd restore: " + mask(e.getMessage()));
            return FAILED;
        }
        out.printf("herd restore: origin '%s' of mirror %s into %s database %s%n", origin, withoutCredentials(mirrorUrl),
                settings.variant(), withoutCredentials(targetUrl));
        out.flush();
        RestoreReport report;
        try {
            report = GazelleRestore.run(settings,
                    () -> DriverManager.getConnection(mirrorUrl, mirrorUser, mirrorPassword),
                    () -> DriverManager.getConnection(targetUrl, targetUser, targetPassword));
        } catch (RestoreException | SQLException e) {
            err.println("herd restore: " + mask(e.getMessage()));
            return FAILED;
        } catch (RuntimeException e) {
            err.println("herd restore: could not restore: " + mask(String.valueOf(e)));
            return FAILED;
        }
        out.print(report.describe(GazelleRestore.tableOrder(settings.variant())));
        if (report.accounts().getOrDefault(UserPlan.Kind.PSEUDONYMOUS_AUTHOR, 0L) > 0) {
            out.println("  The pseudonymous authors keep their pseudonyms: run this site's sidecar with "
                    + "herd.sidecar.privacy.carried-references=true (docs/survival.md).");
        }
        report.admin().ifPresent(admin -> printAdmin(out, admin));
        out.flush();
        return RESTORED;
    }

    /** The options as the restore's settings; IllegalArgumentException names the option at fault. */
    GazelleRestore.Settings settings() {
        GazelleVariant v;
        try {
            v = GazelleVariant.valueOf(variant.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--variant must be whatcd or ops, not '" + variant + "'");
        }
        if (!gazelle) {
            throw new IllegalArgumentException("--gazelle is the only target");
        }
        if (!TranslatorSettings.ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("--origin '" + origin + "' must match " + TranslatorSettings.ORIGIN.pattern());
        }
        if (!mirrorUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--mirror-url must be a PostgreSQL JDBC URL (jdbc:postgresql://...), not "
                    + withoutCredentials(mirrorUrl));
        }
        if (!targetUrl.startsWith("jdbc:mariadb:") && !targetUrl.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("--target-url must be a MariaDB or MySQL JDBC URL (jdbc:mariadb://... or "
                    + "jdbc:mysql://...), not " + withoutCredentials(targetUrl));
        }
        if (adminUsername != null && !AdminAccount.USERNAME.matcher(adminUsername).matches()) {
            throw new IllegalArgumentException("--admin-username '" + adminUsername
                    + "' is not a Gazelle user name: 1 to 20 letters, digits or _");
        }
        return GazelleRestore.Settings.of(v, origin, replace, Optional.ofNullable(adminUsername));
    }

    private static void printAdmin(PrintWriter out, AdminAccount.Created admin) {
        out.printf("  First administrator: %s (id %d, class Sysop). One-time password, shown only now: %s%n",
                admin.username(), admin.id(), admin.password());
        out.println("  Log in and change it at once (docs/survival.md#the-first-administrator).");
    }

    /** A JDBC URL as it may be printed: without user info and parameters, which can carry a password. */
    static String withoutCredentials(String url) {
        String u = url.replaceFirst("//[^/@?]*@", "//");
        int query = u.indexOf('?');
        return query < 0 ? u : u.substring(0, query);
    }

    /** A message with both passwords masked. */
    String mask(String text) {
        String m = text == null ? "" : text;
        for (String secret : new String[] {mirrorPassword, targetPassword}) {
            if (secret != null && secret.length() >= 3) {
                m = m.replace(secret, "****");
            }
        }
        return m;
    }
}
