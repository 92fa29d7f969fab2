package org.herd.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.UserPolicy;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;

/** The {@code herd} command. */
public final class Herd {

    static final String USAGE = """
            usage: herd <command> [options]

            commands:
              sidecar [--property=value ...]
                  Run the sidecar against a real Gazelle database (see docs/configuration.md).
              mirror [--property=value ...]
                  Run a replicator into a mirror's PostgreSQL (see docs/configuration.md).
              mirror status --mirror-url JDBC_URL [--mirror-user U] [--mirror-password P] [--origin NAME]
                  What a mirror verifies, holds and refused, from its database. Exit 0 fine, 1 verification
                  off, trust root expired or the last checkpoint differs, 2 bad usage or failure.
              verify [--repair] [--rechecks N] [--recheck-delay D] [--chunk-size N] [--keys-shown N]
                     [--mirror-url URL] [--property=value ...]
                  At the origin, with the sidecar's configuration plus herd.verify.mirror.url/user/password:
                  compare the origin's public state with one mirror, chunk by chunk, re-checking differences
                  while replication runs. Exit 0 equal, 1 different, 2 bad configuration or failure.
                  --repair  ask the sidecar to read missing and differing rows again, publish deletes for
                            extra ones (see docs/operator.md)
              grants [--database NAME] [--user NAME] [--host HOST] [--users none|pseudonymous|public]
                     [--info-hash no|yes] [--variant whatcd|ops]
                  Print the SQL that creates the sidecar's least-privilege replication user, for the
                  privacy settings the sidecar will run with (default pseudonymous users, no info_hash)
                  and the site's Gazelle variant (default whatcd).
            """ + QuarantineCommand.USAGE;

    private Herd() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "quarantine" -> System.exit(QuarantineCommand.run(rest, System.out, System.err));
            case "sidecar" -> SidecarApplication.main(rest);
            case "mirror" -> {
                if (rest.length > 0 && rest[0].equals("status")) {
                    System.exit(org.herd.cli.mirror.MirrorStatusCommand.run(Arrays.copyOfRange(rest, 1, rest.length),
                            System.out, System.err));
                } else {
                    ReplicatorApplication.main(rest);
                }
            }
            case "verify" -> System.exit(org.herd.cli.verify.VerifyCommand.run(rest, System.out, System.err));
            case "grants" -> {
                Map<String, String> o = new HashMap<>(Map.of("--database", "gazelle", "--user", "herd",
                        "--host", "%", "--users", "pseudonymous", "--info-hash", "no", "--variant", "whatcd"));
                for (int i = 0; i + 1 < rest.length; i += 2) {
                    if (!o.containsKey(rest[i])) {
                        System.err.println("herd grants: unknown option '" + rest[i] + "'");
                        System.exit(2);
                    }
                    o.put(rest[i], rest[i + 1]);
                }
                UserPolicy users;
                try {
                    users = UserPolicy.valueOf(o.get("--users").toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    System.err.println("herd grants: --users must be none, pseudonymous or public, not '"
                            + o.get("--users") + "'");
                    System.exit(2);
                    return;
                }
                if (!o.get("--info-hash").equals("yes") && !o.get("--info-hash").equals("no")) {
                    System.err.println("herd grants: --info-hash must be yes or no, not '" + o.get("--info-hash")
                            + "'");
                    System.exit(2);
                    return;
                }
                GazelleVariant variant;
                try {
                    variant = GazelleVariant.valueOf(o.get("--variant").toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    System.err.println("herd grants: --variant must be whatcd or ops, not '" + o.get("--variant")
                            + "'");
                    System.exit(2);
                    return;
                }
                System.out.print(Grants.sql(variant, users, o.get("--info-hash").equals("yes"),
                        o.get("--database"), o.get("--user"), o.get("--host")));
            }
            default -> {
                System.err.println("herd: unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
