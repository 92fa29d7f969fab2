package org.herd.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * herd.jar, the operator's download for {@code java -jar}, carries the operator commands' libraries
 * and nothing of the lab: no embedded MariaDB, PostgreSQL or Kafka broker, not the lab's key.
 */
class OperatorJarIT {

    private static final Path JAR = Path.of("target", "herd.jar");

    @Test
    void itsLibrariesAreTheOperatorsWithoutAnEmbeddedServer() throws IOException {
        List<String> libraries = new ArrayList<>();
        try (ZipInputStream jar = new ZipInputStream(Files.newInputStream(JAR))) {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                    libraries.add(entry.getName().substring("BOOT-INF/lib/".length()));
                }
            }
        }
        assertThat(libraries).anyMatch(name -> name.startsWith("herd-cli-"))
                .anyMatch(name -> name.startsWith("herd-sidecar-"))
                .anyMatch(name -> name.startsWith("herd-replicator-"))
                .noneMatch(name -> name.startsWith("herd-") && !name.matches(
                        "herd-(schema-gazelle|translator|kafka|trust|sidecar|replicator|verify|serve|restore|archive|cli)-.*\\.jar"))
                .noneMatch(name -> LabContentScan.SERVER_ARTEFACT.matcher(name).find());
    }

    @Test
    void carriesNoEmbeddedServerNorTheLabsKey() throws IOException {
        LabContentScan scan = new LabContentScan(LabContentScan.DEMO_KEY, "herd.sidecar.privacy.pseudonym-key");
        try (InputStream jar = Files.newInputStream(JAR)) {
            scan.file("herd.jar", jar);
        }
        assertThat(scan.classes()).as("classes read").isGreaterThan(10_000);
        assertThat(scan.found()).as("what the scan found").contains("herd.sidecar.privacy.pseudonym-key")
                .noneMatch(found -> found.startsWith(LabContentScan.DEMO_KEY));
        assertThat(scan.serverArtefacts()).isEmpty();
    }
}
