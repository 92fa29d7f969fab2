package org.herd.cli.trust;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.PrivateKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd keys}: creates an Ed25519 key, the origin's signing key or a trustee's, as a
 * PKCS#8 PEM file readable by its owner only, and prints its public half and key id, which go
 * into the trust root ({@code herd trust init}, {@code propose}).
 *
 * <p>Exit codes: 0 written, 1 refused (the file exists: a key file is never overwritten), 2 the
 * file could not be created.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Create an Ed25519 signing key (the origin's, or a trustee's) in a new file readable by its "
                + "owner only (0600), and print its public key and key id.",
                "An existing file is never overwritten. Keep a trustee's key offline."})
public final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The key file to create (PKCS#8 PEM, as openssl genpkey -algorithm ed25519 writes).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        try {
            PrivateKeyFile.write(out, key);
        } catch (FileAlreadyExistsException e) {
            err.println("herd keys: " + out + " exists; refusing to overwrite a key file");
            return TrustExit.REFUSED;
        } catch (IOException e) {
            err.println("herd keys: cannot create " + out + ": " + e.getMessage());
            return TrustExit.USAGE;
        }
        o.println("wrote " + out + " (readable by its owner only)");
        o.println("public key: " + key.publicKey().base64());
        o.println("key id:     " + key.keyId());
        o.flush();
        return TrustExit.OK;
    }
}
