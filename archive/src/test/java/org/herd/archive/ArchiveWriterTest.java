package org.herd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.herd.trust.RecordOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer asks for one entity's records at a time, and leaves nothing behind when it cannot finish. */
class ArchiveWriterTest {

    @TempDir
    Path tmp;

    private final SignedSite site = new SignedSite();

    @Test
    void asksForEachEntityOnceInNameOrder() {
        site.publish("tag", 1, RecordOp.UPSERT, "one");
        site.publish("artist", 2, RecordOp.UPSERT, "two");
        ArchiveContent content = site.content();
        List<String> asked = new ArrayList<>();
        ArchiveContent counted = new ArchiveContent(content.rootFiles(), content.checkpointValue(),
                content.checkpointKeyId(), content.checkpointSig(), new ArchiveEntities() {
                    @Override
                    public SortedSet<String> names() {
                        return content.entities().names();
                    }

                    @Override
                    public List<ArchiveRecord> records(String entity) {
                        asked.add(entity);
                        return content.entities().records(entity);
                    }
                });

        ArchiveManifest manifest = ArchiveWriter.write(tmp.resolve("a"), counted);

        assertThat(asked).containsExactly("artist", "tag");
        assertThat(manifest.entities().get("tag").records()).isEqualTo(1);
        assertThat(ArchiveVerifier.verify(tmp.resolve("a"), null, java.time.Instant.now()).ok()).isTrue();
    }

    @Test
    void anEntityThatCannotBeReadLeavesTheDirectoryAsItWas() throws Exception {
        site.publish("tag", 1, RecordOp.UPSERT, "one");
        ArchiveContent content = site.content();
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        ArchiveContent failing = new ArchiveContent(content.rootFiles(), content.checkpointValue(),
                content.checkpointKeyId(), content.checkpointSig(), new ArchiveEntities() {
                    @Override
                    public SortedSet<String> names() {
                        return Collections.unmodifiableSortedSet(new TreeSet<>(List.of("artist", "tag")));
                    }

                    @Override
                    public List<ArchiveRecord> records(String entity) {
                        if (entity.equals("tag")) {
                            throw new ArchiveException("tag: 0 live rows at the cut, the checkpoint states 1");
                        }
                        return content.entities().records(entity);
                    }
                });

        assertThatThrownBy(() -> ArchiveWriter.write(dir, failing)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("tag: 0 live rows");

        assertThat(Files.isDirectory(dir)).isTrue();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
