package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class ServedMirrorTest {

    @Test
    void theWebServerReadsTheDatabaseTheMirrorConnectedTo() {
        try (HikariDataSource mirror = new HikariDataSource()) {
            mirror.setJdbcUrl("jdbc:postgresql://127.0.0.1:5999/embedded");
            mirror.setUsername("herd");
            mirror.setPassword("secret");
            assertThat(ServedMirror.serveArguments(new String[] {"--herd.mirror.origin=site",
                    "--spring.datasource.url=jdbc:postgresql://db/m", "--spring.data-source.user_name=other",
                    "--herd.serve.port=8081"}, mirror)).containsExactly("--herd.mirror.origin=site",
                    "--herd.serve.port=8081", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5999/embedded",
                    "--spring.datasource.username=herd", "--spring.datasource.password=secret");
        }
    }
}
