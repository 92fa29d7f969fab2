package org.herd.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    /**
     * The herd command starts the bench's own JVM (load generator, Kafka broker, web server) with
     * the options its children get for inlining; the two places must not drift apart.
     */
    @Test
    void theHerdCommandGivesTheBenchsOwnJvmTheChildrensInlining() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null
                && !(Files.isRegularFile(root.resolve("herd")) && Files.isRegularFile(root.resolve("mvnw")))) {
            root = root.getParent();
        }
        assertTrue(root != null, "no herd command above " + Path.of("").toAbsolutePath());
        String herd = Files.readString(root.resolve("herd"));
        assertTrue(herd.contains("HERD_JAVA_OPTS=\"${HERD_JAVA_OPTS-" + BenchOptions.INLINE_LESS + "}\""),
                "the herd command's default JVM options for the bench are not " + BenchOptions.INLINE_LESS);
    }
}
