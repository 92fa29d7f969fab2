package org.herd.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartFailureTest {

    @TempDir
    Path dir;

    @Test
    void mariaDbNamesItselfAndTheCause() throws IOException {
        Path notADir = Files.createFile(dir.resolve("file"));

        assertThatThrownBy(() -> EmbeddedMariaDb.start(notADir))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageStartingWith("MariaDB")
                .hasMessageContaining(notADir.toString());
    }

    @Test
    void kafkaNamesItselfAndTheCause() throws IOException {
        Path notADir = Files.createFile(dir.resolve("file"));

        assertThatThrownBy(() -> EmbeddedKafka.start(notADir))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageStartingWith("Kafka")
                .hasMessageContaining(notADir.toString());
    }

    @Test
    void postgresNamesItselfAndTheCause() throws IOException {
        Path notADir = Files.createFile(dir.resolve("file"));

        assertThatThrownBy(() -> EmbeddedPostgres.start(notADir))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageStartingWith("PostgreSQL")
                .hasMessageContaining(notADir.toString());
    }
}
