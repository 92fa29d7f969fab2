package org.herd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassArchiveTrainingTest {

    @Test
    void aBenchRunningFromAClassPathHasNoArchiveToMakeOrMap() throws Exception {
        // Tests run from Maven's class path of directories, which a JVM cannot archive.
        assertThat(ChildProcess.classArchive("sidecar")).isEmpty();
        assertThat(ChildProcess.classArchive("mirror")).isEmpty();
        List<String> said = new ArrayList<>();
        ClassArchiveTraining.run(new ClassArchiveTraining.Setting(null, List.of(), List.of(), Path.of("unused"),
                database -> {
                    throw new AssertionError("no training site is made without archives to make");
                }), said::add);
        assertThat(said).singleElement().asString().startsWith("Class-data archives: none");
    }

    @Test
    void onlyTheSidecarAndTheMirrorHaveArchives() {
        assertThatThrownBy(() -> ChildProcess.classArchive("tracker")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tracker'").hasMessageContaining("[sidecar, mirror]");
    }

    @Test
    void aTrainingProcessKeepsItsOptionsAndWritesTheArchiveAsItExits() {
        Path archive = Path.of("/tmp/herd-lab-unpacked/sidecar.jsa");
        assertThat(ClassArchiveTraining.archiving(List.of("-Xmx256m", "-XX:+UseSerialGC"), archive))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + archive);
    }
}
