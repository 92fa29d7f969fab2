package org.herd.cli.mirror;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.herd.replicator.CheckpointComparison;
import org.herd.replicator.MirrorStatus;
import org.postgresql.ds.PGSimpleDataSource;
import org.herd.cli.Herd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herd mirror status}: what a mirror's database says of each origin it follows, read from
 * the database alone (the mirror may be running or not): whether it verifies the origin's
 * signatures, the trust root and its expiry, the highest position applied, the live rows per
 * entity, the last comparison with a signed checkpoint, what it refused by reason and how many
 * records wait in the quarantine.
 *
 * <p>Exit codes: 0 when nothing needs the operator; 1 when an origin is mirrored without
 * verification, its trust root has expired, or the last checkpoint comparison found a difference;
 * 2 for bad usage, or when the database cannot be read.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show what a mirror verifies, holds and refused, from its database.",
        description = {"Per origin the mirror's database follows: verification on or off, the trust root "
                + "(version, expiry), the highest position applied, live rows per entity, the last comparison with "
                + "the origin's signed checkpoint, records refused by reason (herd.reject), refused checkpoints and "
                + "trust roots, and open quarantined records (docs/operator.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing needs attention",
                "1:verification is off, the trust root has expired, or the last checkpoint comparison differs",
                "2:bad usage, or the mirror's database cannot be read"})
public final class MirrorStatusCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int ATTENTION = 1;
    public static final int FAILED = 2;

    /** Where the password comes from when no option gives it. */
    public static final String PASSWORD_ENV = "HERD_MIRROR_PASSWORD";

    // The mirror's own property names work too, so that the arguments a mirror runs with can be reused.
    // Required, but checked when the command runs, so that the bare command name parses where the
    // documentation mentions it.
    @Option(names = {"--mirror-url", "--spring.datasource.url"}, paramLabel = "JDBC_URL",
            description = "The mirror's PostgreSQL, jdbc:postgresql://HOST:5432/DB (required).")
    String url;

    @Option(names = {"--mirror-user", "--spring.datasource.username"}, paramLabel = "USER",
            description = "Its user; reading herd.* is enough.")
    String user;

    @Option(names = {"--mirror-password", "--spring.datasource.password"}, paramLabel = "PASSWORD",
            defaultValue = "${env:" + PASSWORD_ENV + ":-}",
            description = "Its password; default: environment variable " + PASSWORD_ENV + ". Never printed.")
    String password;

    @Option(names = "--origin", paramLabel = "NAME", description = "Only this origin.")
    String origin;

    private final PrintStream out;
    private final PrintStream err;

    public MirrorStatusCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code herd mirror status ARGS}, through the herd command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] command = new String[args.length + 2];
        command[0] = "mirror";
        command[1] = "status";
        System.arraycopy(args, 0, command, 2, args.length);
        return Herd.commandLine(out, err).execute(command);
    }

    @Override
    public Integer call() {
        if (url == null || url.isBlank()) {
            err.println("herd mirror status: --mirror-url is required (the mirror's jdbc:postgresql: URL)");
            return FAILED;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            err.println("herd mirror status: --mirror-url '" + withoutCredentials(url) + "' is not a jdbc:postgresql: URL");
            return FAILED;
        }
        String secret = password == null || password.isEmpty() ? null : password;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        List<MirrorStatus.OriginStatus> origins;
        int deferredIndexes;
        int pausedAutovacuum;
        try {
            ds.setURL(url);
            if (user != null) {
                ds.setUser(user);
            }
            if (secret != null) {
                ds.setPassword(secret);
            }
            origins = MirrorStatus.read(ds, origin);
            deferredIndexes = MirrorStatus.deferredIndexes(ds);
            pausedAutovacuum = MirrorStatus.pausedAutovacuum(ds);
        } catch (Exception e) {
            err.println("herd mirror status: cannot read the mirror at " + withoutCredentials(url) + ": "
                    + mask(String.valueOf(e.getMessage()), secret));
            return FAILED;
        }
        out.println("mirror database " + withoutCredentials(url));
        if (deferredIndexes > 0) {
            out.println(indexes(deferredIndexes));
        }
        if (pausedAutovacuum > 0) {
            out.println(autovacuum(pausedAutovacuum));
        }
        if (origins.isEmpty()) {
            out.println(origin == null ? "no mirror has started on this database yet"
                    : "no mirror of origin '" + origin + "' has started on this database");
            return origin == null ? OK : FAILED;
        }
        Instant now = Instant.now();
        List<String> attention = new ArrayList<>();
        for (MirrorStatus.OriginStatus o : origins) {
            out.print(describe(o, now));
            attention.addAll(attention(o, now));
        }
        if (attention.isEmpty()) {
            out.println("nothing needs attention");
            return OK;
        }
        out.println("needs attention: " + String.join("; ", attention));
        return ATTENTION;
    }

    /** The entity tables whose autovacuum the first copy paused, a line of the mirror's own too. */
    static String autovacuum(int paused) {
        return "autovacuum: paused on " + paused + " tables until the first copy is complete (turned on again, and "
                + "the tables analysed, once their indexes are built; herd.paused_autovacuum)";
    }

    /** The first copy's deferred indexes, a line of the mirror's own (they are not any origin's). */
    static String indexes(int deferred) {
        return "indexes: " + deferred + " deferred until the first copy is complete (searches and browsing are slow "
                + "until then; herd.deferred_index)";
    }

    /** What makes the exit code 1. */
    static List<String> attention(MirrorStatus.OriginStatus o, Instant now) {
        List<String> a = new ArrayList<>();
        if (!o.verify()) {
            a.add(o.origin() + ": verification OFF");
        } else if (o.expired(now)) {
            a.add(o.origin() + ": trust root v" + o.rootVersion() + " expired");
        }
        if (o.lastResult() != null && CheckpointComparison.DIFFERS.equals(o.lastResult().result())) {
            a.add(o.origin() + ": the last checkpoint comparison differs");
        }
        return a;
    }

    /** One origin, as printed. */
    static String describe(MirrorStatus.OriginStatus o, Instant now) {
        StringBuilder s = new StringBuilder();
        s.append("origin ").append(o.origin()).append(" (topics ").append(o.topicPrefix()).append(".*, replicator last ")
                .append("started ").append(o.startedAt()).append(")\n");
        line(s, "verification", verification(o, now));
        line(s, "position applied", o.highestPosition() == null ? "none yet" : o.highestPosition());
        List<String> rows = new ArrayList<>();
        long empty = 0;
        for (Map.Entry<String, Long> e : o.liveRows().entrySet()) {
            if (e.getValue() > 0) {
                rows.add(e.getKey() + " " + count(e.getValue()));
            } else {
                empty++;
            }
        }
        line(s, "live rows", (rows.isEmpty() ? "none" : String.join(", ", rows))
                + (empty > 0 && !rows.isEmpty() ? "; " + empty + " entities without rows" : ""));
        line(s, "last checkpoint", checkpoint(o));
        if (o.succession() != null) {
            line(s, "succession", o.succession());
        }
        line(s, "rejected records", reasons(o.rejectedRecords()) + " (open, in herd.reject)");
        if (!o.retried().isEmpty()) {
            line(s, "checked again", o.retried().entrySet().stream()
                    .map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", "))
                    + " (refused, then settled under a newer trust root)");
        }
        line(s, "refused checkpoints", reasons(o.refusedCheckpoints()));
        line(s, "refused trust roots", reasons(o.refusedRoots()));
        line(s, "quarantined", count(o.quarantined()) + " open (herd quarantine list)");
        return s.toString();
    }

    private static String verification(MirrorStatus.OriginStatus o, Instant now) {
        if (!o.verify()) {
            return "OFF: records are applied without checking the origin's signatures (herd.mirror.trust.verify=false)";
        }
        if (o.rootVersion() == 0) {
            return "ON, but no trust root is stored";
        }
        String expiry;
        if (o.expired(now)) {
            expiry = "EXPIRED at " + o.rootExpires() + "; still verifying against it until the trustees publish a "
                    + "newer version";
        } else {
            expiry = "expires " + o.rootExpires() + " (in " + Duration.between(now, o.rootExpires()).toDays() + " days)";
        }
        return "ON, against trust root v" + o.rootVersion() + ", " + expiry;
    }

    private static String checkpoint(MirrorStatus.OriginStatus o) {
        MirrorStatus.CheckpointResult r = o.lastResult();
        if (!o.verify()) {
            return "not compared (verification OFF)";
        }
        if (r == null) {
            return o.lastCheckpoint() == null ? "none received yet"
                    : "not compared yet; latest verified checkpoint at " + o.lastCheckpoint();
        }
        StringBuilder s = new StringBuilder(r.summary()).append(" (compared ").append(r.evaluatedAt()).append(")");
        for (CheckpointComparison.EntityResult e : r.entities()) {
            if (CheckpointComparison.ENTITY_DIFFERS.equals(e.outcome())
                    || CheckpointComparison.UNKNOWN_ENTITY.equals(e.outcome())) {
                s.append("\n").append(" ".repeat(22)).append(e.entity()).append(": expected ")
                        .append(count(e.expectedRows())).append(" rows, found ")
                        .append(e.foundRows() == null ? "none" : count(e.foundRows()));
            }
        }
        return s.toString();
    }

    private static String reasons(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append("  ").append(label).append(" ".repeat(Math.max(1, 20 - label.length()))).append(value).append('\n');
    }

    private static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** The URL as it may be printed: without user info and parameters, which can carry a password. */
    static String withoutCredentials(String url) {
        String u = url.replaceFirst("//[^/@?]*@", "//");
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    /** Never print a password, wherever a driver quotes it. */
    static String mask(String message, String password) {
        String m = message == null ? "" : message.replaceAll("(?i)(password=)[^&;\\s]*", "$1****");
        return password == null || password.isEmpty() ? m : m.replace(password, "****");
    }
}
