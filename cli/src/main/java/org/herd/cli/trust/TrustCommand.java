package org.herd.cli.trust;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.Ed25519PublicKey;
import org.herd.trust.KeyId;
import org.herd.trust.PrivateKeyFile;
import org.herd.trust.RootCeremony;
import org.herd.trust.RootChange;
import org.herd.trust.RootUpdate;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;
import org.herd.trust.TrustRoot;
import org.herd.trust.TrustState;
import org.herd.trust.Trustee;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd trust}: the trustees' ceremony over the origin's trust root (docs/trust.md,
 * docs/operator.md "Signing the stream"). {@code init} writes version 1 as an unsigned proposal,
 * {@code propose} the next version, {@code sign} adds one trustee's signature offline (file in,
 * file out), {@code publish} sends a fully signed root to {@code <prefix>._trust}, and
 * {@code show} prints a chain and checks it as a mirror would.
 *
 * <p>Exit codes: 0 done, 1 refused (a threshold not met, a file that exists, a version that does
 * not follow), 2 bad usage or configuration.
 */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "The trust root ceremony: create, propose, sign offline, publish and show trust roots.",
        subcommands = {TrustCommand.Init.class, TrustCommand.Propose.class, TrustCommand.Sign.class,
                TrustPublishCommand.class, TrustCommand.Show.class})
public final class TrustCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return TrustExit.USAGE;
    }

    /** A failure with its exit code and message, for the subcommands' own flow. */
    static final class Refusal extends RuntimeException {
        final int exit;

        Refusal(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** Runs {@code body}, printing a refusal as {@code herd trust <name>: <message>}. */
    static int run(CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Refusal r) {
            spec.commandLine().getErr().println("herd trust " + spec.name() + ": " + r.getMessage());
            spec.commandLine().getErr().flush();
            return r.exit;
        } catch (Exception e) {
            spec.commandLine().getErr().println("herd trust " + spec.name() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return TrustExit.USAGE;
        }
    }

    /** A public key as {@code herd keys} prints it, optionally followed by {@code :name}. */
    static Trustee trustee(String arg, String option) {
        int colon = arg.indexOf(':');
        String key = colon < 0 ? arg : arg.substring(0, colon);
        String name = colon < 0 ? null : arg.substring(colon + 1);
        return new Trustee(publicKey(key, option), name == null || name.isBlank() ? null : name);
    }

    static Ed25519PublicKey publicKey(String base64, String option) {
        try {
            return Ed25519PublicKey.fromBase64(base64, option);
        } catch (TrustFormatException e) {
            throw new Refusal(TrustExit.USAGE, e.getMessage() + " (a public key as herd keys prints it: base64 of 32 "
                    + "bytes)");
        }
    }

    static KeyId keyId(String hex, String option) {
        try {
            return KeyId.parse(hex, option);
        } catch (TrustFormatException e) {
            throw new Refusal(TrustExit.USAGE, e.getMessage());
        }
    }

    /** An ISO-8601 instant (2030-01-01T00:00:00Z) or a number of days from now (730d). */
    static Instant expiry(String text, Instant now) {
        try {
            if (text.matches("[0-9]{1,5}d")) {
                return now.plus(Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1))));
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(TrustExit.USAGE, "--expires must be an instant such as 2030-01-01T00:00:00Z or days "
                    + "from now such as 730d, not '" + text + "'");
        }
    }

    static SignedRoot readRoot(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Refusal(TrustExit.USAGE, file + " does not exist");
        } catch (IOException e) {
            throw new Refusal(TrustExit.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            return SignedRoot.parse(bytes);
        } catch (TrustFormatException e) {
            throw new Refusal(TrustExit.USAGE, file + ": " + e.getMessage());
        }
    }

    /** Writes a new file; an existing one is never replaced. */
    static void writeNew(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new Refusal(TrustExit.REFUSED, file + " exists; refusing to overwrite it");
        } catch (IOException e) {
            throw new Refusal(TrustExit.USAGE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write version 1 of an origin's trust root as an unsigned proposal: the trustees, how many "
                    + "of them must sign, and the origin key at epoch 1.")
    static final class Init implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--origin", required = true, description = "The origin's id (herd.sidecar.origin).")
        String origin;

        @Option(names = "--trustee", required = true, paramLabel = "KEY[:NAME]",
                description = "A trustee's public key (herd keys), with an optional label; once per trustee.")
        List<String> trustees;

        @Option(names = "--threshold", required = true, paramLabel = "K",
                description = "How many trustees must sign each version.")
        int threshold;

        @Option(names = "--origin-key", required = true, paramLabel = "KEY",
                description = "The origin key's public key (herd keys): epoch 1.")
        String originKey;

        @Option(names = "--expires", defaultValue = "730d", paramLabel = "WHEN",
                description = "An instant (2030-01-01T00:00:00Z) or days from now (default 730d).")
        String expires;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The proposal to write.")
        Path out;

        @Override
        public Integer call() {
            return run(spec, () -> {
                List<Trustee> list = new ArrayList<>();
                for (String t : trustees) {
                    list.add(trustee(t, "--trustee"));
                }
                TrustRoot root;
                try {
                    root = RootCeremony.create(origin, list, threshold, publicKey(originKey, "--origin-key"),
                            expiry(expires, Instant.now()));
                } catch (IllegalArgumentException e) {
                    throw new Refusal(TrustExit.USAGE, e.getMessage());
                }
                SignedRoot proposal = SignedRoot.unsigned(root);
                writeNew(out, proposal.toFileBytes());
                PrintWriter o = spec.commandLine().getOut();
                o.print(RootCeremony.describeChain(List.of(proposal)));
                o.println("wrote " + out + ": an unsigned proposal; " + threshold + " of the trustees sign it with "
                        + "herd trust sign");
                o.flush();
                return TrustExit.OK;
            });
        }
    }

    @Command(name = "propose", mixinStandardHelpOptions = true,
            description = "Write the next version of a trust root as an unsigned proposal, with the changes named.")
    static final class Propose implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--current", required = true, paramLabel = "FILE", description = "The trusted root now.")
        Path current;

        @Option(names = "--add-trustee", paramLabel = "KEY[:NAME]", description = "Add a trustee.")
        List<String> addTrustees = new ArrayList<>();

        @Option(names = "--remove-trustee", paramLabel = "KEYID", description = "Remove a trustee, by key id.")
        List<String> removeTrustees = new ArrayList<>();

        @Option(names = "--threshold", paramLabel = "K", description = "Set how many trustees must sign.")
        Integer threshold;

        @Option(names = "--rotate-origin-key", paramLabel = "KEY",
                description = "Add a new origin key at the highest epoch plus one; the sidecar moves to it and "
                        + "publishes every row again.")
        String rotate;

        @Option(names = "--revoke-previous",
                description = "With --rotate-origin-key: revoke every earlier origin key (lost or compromised).")
        boolean revokePrevious;

        @Option(names = "--revoke-origin-key", paramLabel = "KEYID", description = "Revoke an origin key, by key id.")
        List<String> revoke = new ArrayList<>();

        @Option(names = "--expires", paramLabel = "WHEN",
                description = "An instant or days from now; default: the current version's expiry.")
        String expires;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The proposal to write.")
        Path out;

        @Override
        public Integer call() {
            return run(spec, () -> {
                SignedRoot now = readRoot(current);
                List<RootChange> changes = new ArrayList<>();
                for (String t : addTrustees) {
                    Trustee trustee = trustee(t, "--add-trustee");
                    changes.add(new RootChange.AddTrustee(trustee.publicKey(), trustee.name()));
                }
                for (String id : removeTrustees) {
                    changes.add(new RootChange.RemoveTrustee(keyId(id, "--remove-trustee")));
                }
                if (threshold != null) {
                    changes.add(new RootChange.SetThreshold(threshold));
                }
                if (rotate != null) {
                    changes.add(new RootChange.RotateOriginKey(publicKey(rotate, "--rotate-origin-key"),
                            revokePrevious));
                } else if (revokePrevious) {
                    throw new Refusal(TrustExit.USAGE, "--revoke-previous goes with --rotate-origin-key");
                }
                for (String id : revoke) {
                    changes.add(new RootChange.RevokeOriginKey(keyId(id, "--revoke-origin-key")));
                }
                if (changes.isEmpty() && expires == null) {
                    throw new Refusal(TrustExit.USAGE, "no change named (see --help)");
                }
                TrustRoot next;
                try {
                    next = RootCeremony.propose(now.root(), expires == null ? now.root().expires()
                            : expiry(expires, Instant.now()), changes);
                } catch (IllegalArgumentException e) {
                    throw new Refusal(TrustExit.USAGE, e.getMessage());
                }
                SignedRoot proposal = SignedRoot.unsigned(next);
                writeNew(out, proposal.toFileBytes());
                PrintWriter o = spec.commandLine().getOut();
                o.print(RootCeremony.describeChain(List.of(now, proposal)));
                o.println("wrote " + out + ": an unsigned proposal; it needs " + now.root().threshold()
                        + " signatures of version " + now.version() + "'s trustees and " + next.threshold()
                        + " of its own");
                o.flush();
                return TrustExit.OK;
            });
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Add one trustee's signature to a proposal, offline: file in, file out.",
                    "Trustees sign one after the other, each the file the one before wrote."})
    static final class Sign implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The trustee's key file.")
        Path key;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The proposal, signed or not.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The signed copy to write.")
        Path out;

        @Override
        public Integer call() {
            return run(spec, () -> {
                SignedRoot proposal = readRoot(in);
                Ed25519KeyPair trusteeKey;
                try {
                    trusteeKey = PrivateKeyFile.read(key);
                } catch (IOException | TrustFormatException e) {
                    throw new Refusal(TrustExit.USAGE, e.getMessage());
                }
                SignedRoot signed = RootCeremony.sign(proposal, trusteeKey);
                writeNew(out, signed.toFileBytes());
                PrintWriter o = spec.commandLine().getOut();
                boolean trustee = proposal.root().trustee(trusteeKey.keyId()).isPresent();
                o.println("signed version " + proposal.version() + " of origin " + proposal.root().origin() + " with "
                        + trusteeKey.keyId().shortForm() + (trustee ? ", a trustee of it" : ", not a trustee of it "
                        + "(counts only as a trustee of the version before)") + "; " + signed.signatures().size()
                        + " signatures now; wrote " + out);
                o.flush();
                return TrustExit.OK;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print a chain of trust roots, oldest first, and check it as a mirror does: the first "
                    + "pinned, each next one offered.", "Exit 1 when a version would be refused."})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Root files, oldest first.")
        List<Path> files;

        @Override
        public Integer call() {
            return run(spec, () -> {
                List<SignedRoot> chain = new ArrayList<>();
                for (Path f : files) {
                    chain.add(readRoot(f));
                }
                PrintWriter o = spec.commandLine().getOut();
                o.print(RootCeremony.describeChain(chain));
                Instant now = Instant.now();
                RootUpdate update = TrustState.pin(chain.get(0), now);
                o.println("version " + chain.get(0).version() + " pinned: " + update);
                for (int i = 1; i < chain.size() && update.accepted(); i++) {
                    update = update.state().offer(chain.get(i), now);
                    o.println("version " + chain.get(i).version() + " offered: " + update);
                }
                o.flush();
                if (!update.accepted()) {
                    throw new Refusal(TrustExit.REFUSED, "a mirror would refuse this chain: "
                            + update.failure().wireName() + ": " + update.detail());
                }
                TrustState state = update.state();
                o.println("valid: a mirror that pins version " + chain.get(0).version() + " trusts version "
                        + state.root().version() + (state.expired() ? " (EXPIRED)" : ""));
                o.flush();
                return TrustExit.OK;
            });
        }
    }

}
