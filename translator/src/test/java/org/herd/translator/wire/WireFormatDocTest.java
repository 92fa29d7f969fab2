package org.herd.translator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

/** docs/wire-format.md documents every entity and field exactly as the code declares them. */
class WireFormatDocTest {

    @Test
    void everyEntityAndFieldIsDocumentedWithItsTypeAndSource() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "wire-format.md"));
        assertThat(doc).contains("`" + WireFormat.FORMAT + "`");
        for (EntityType e : NeutralSchema.entities()) {
            int section = doc.indexOf("### `" + e.name() + "`");
            assertThat(section).as("section for %s", e.name()).isNotNegative();
            int next = doc.indexOf("\n### ", section + 1);
            String text = next < 0 ? doc.substring(section) : doc.substring(section, next);
            for (Field f : e.fields()) {
                String row = "| `" + f.name() + "` | " + f.type().name().toLowerCase(Locale.ROOT) + " | "
                        + (f.nullable() ? "yes" : "no") + " | " + (e.keyFields().contains(f) ? "key" : "") + " | `"
                        + f.source() + "` |";
                assertThat(text).as("row for %s.%s", e.name(), f.name()).contains(row);
            }
            long documentedRows = text.lines().filter(l -> l.startsWith("| `")).count();
            assertThat(documentedRows).as("fields documented for %s", e.name()).isEqualTo(e.fields().size());
        }
    }
}
