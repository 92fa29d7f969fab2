package org.herd.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every property {@code herd verify} binds beyond the sidecar's (as Spring Boot's configuration
 * processor lists them from {@link VerifyProperties}, the list the command line checks names
 * against) is described and documented in docs/configuration.md.
 */
class DocumentedPropertiesTest {

    @Test
    void everyPropertyIsDescribedAndDocumented() throws Exception {
        List<String> names = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            JsonNode metadata;
            try (InputStream in = url.openStream()) {
                metadata = new ObjectMapper().readTree(in);
            }
            for (JsonNode p : metadata.path("properties")) {
                String name = p.path("name").asText();
                if (name.startsWith("herd.verify.")) {
                    names.add(name);
                    assertThat(p.path("description").asText()).as("description of %s", name).isNotBlank();
                }
            }
        }
        assertThat(names).contains("herd.verify.mirror.url", "herd.verify.rechecks", "herd.verify.max-keys");
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (String name : names) {
            assertThat(doc).as("docs/configuration.md documents %s", name).contains("`" + name + "`");
        }
    }
}
