package org.herd.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator image that {@code ./mvnw package} writes to target/herd-image.tar, against what
 * docker/README.md says of it: name, entry point, user, working directory, volume, ports and
 * layers; that its java launcher is there and executable; that it carries no embedded server and
 * not the lab's key; and, where this machine can make namespaces, that the entry point runs from
 * the unpacked image as the image's user.
 */
class ImageIT {

    private static final Path IMAGE = Path.of("target", "herd-image.tar");

    private static OciArchive archive;
    private static JsonNode config;
    private static Readme readme;
    private static List<OciArchive.Layer> layers;
    /** Every path of the image, with the layer that put it there last. */
    private static final Map<String, TarArchiveEntry> files = new HashMap<>();
    private static final Map<String, String> layerOf = new HashMap<>();

    @BeforeAll
    static void readImage() throws IOException {
        assumeFalse(Boolean.getBoolean("herd.image.skip"), "the image was not built (-Dherd.image.skip=true)");
        assertThat(IMAGE).as("the image ./mvnw package builds").exists();
        archive = new OciArchive(IMAGE);
        config = archive.config().path("config");
        readme = Readme.read(Path.of("README.md"));
        layers = archive.layers();
        for (OciArchive.Layer layer : layers) {
            layer.entries().forEach((path, entry) -> {
                files.put(path, entry);
                layerOf.put(path, layer.name());
            });
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void isAnOciArchiveOfHerdAtTheProjectsVersion() throws IOException {
        assertThat(archive.json("oci-layout").path("imageLayoutVersion").asText()).isEqualTo("1.0.0");
        String name = readme.fact("name").replace("<version>", System.getProperty("project.version"));
        assertThat(archive.index().path("manifests").get(0).path("annotations")
                .path("org.opencontainers.image.ref.name").asText()).isEqualTo(name);
        JsonNode image = archive.config();
        assertThat(image.path("os").asText()).isEqualTo("linux");
        assertThat(image.path("architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void startsTheHerdCommandAsTheReadmeSays() {
        assertThat(strings(config.path("Entrypoint")))
                .isEqualTo(Arrays.asList(readme.fact("entry point").split(" ")));
        assertThat(strings(config.path("Cmd"))).containsExactly(readme.fact("default command"));
        assertThat(config.path("WorkingDir").asText()).isEqualTo(readme.fact("working directory"));
        assertThat(names(config.path("Volumes"))).containsExactly(readme.fact("volume"));
        if (readme.fact("exposed ports").equals("none")) {
            assertThat(names(config.path("ExposedPorts"))).isEmpty();
        } else {
            assertThat(names(config.path("ExposedPorts"))).containsExactly(readme.fact("exposed ports"));
        }
        assertThat(strings(config.path("Env"))).contains(readme.fact("environment"));
    }

    @Test
    void runsAsItsOwnUserNeverRoot() throws IOException {
        String user = config.path("User").asText();
        assertThat(user).isEqualTo(readme.fact("user")).matches("[0-9]+:[0-9]+");
        int uid = Integer.parseInt(user.split(":")[0]);
        int gid = Integer.parseInt(user.split(":")[1]);
        assertThat(uid).as("uid").isNotZero();
        assertThat(gid).as("gid").isNotZero();

        // Java takes user.name and user.home from /etc/passwd; the home is the working directory.
        List<String> passwd = lines("etc/passwd");
        assertThat(passwd).anySatisfy(line -> assertThat(line.split(":"))
                .containsExactly("herd", "x", String.valueOf(uid), String.valueOf(gid), "herd",
                        config.path("WorkingDir").asText(), "/sbin/nologin"));
        assertThat(lines("etc/group")).contains("herd:x:" + gid + ":");

        String workDir = config.path("WorkingDir").asText().substring(1);
        assertThat(files.get(workDir)).as(workDir).isNotNull();
        assertThat(files.get(workDir).isDirectory()).isTrue();
        assertThat(files.get(workDir).getLongUserId()).as("owner of " + workDir).isEqualTo(uid);
        assertThat(files.get(workDir).getLongGroupId()).as("group of " + workDir).isEqualTo(gid);
        assertThat(files.get("tmp").getMode() & 07777).as("mode of /tmp").isEqualTo(01777);
        assertThat(files.entrySet()).filteredOn(e -> !e.getKey().equals(workDir))
                .allSatisfy(e -> assertThat(e.getValue().getLongUserId()).as("owner of " + e.getKey()).isZero());
    }

    @Test
    void hasTheLayersTheReadmeNames() {
        assertThat(layers).extracting(OciArchive.Layer::name).containsExactlyElementsOf(readme.layers());
    }

    @Test
    void itsJavaLauncherIsInTheRuntimeLayerAndExecutable() throws IOException {
        String command = config.path("Entrypoint").get(0).asText();
        String launcher = null;
        for (String dir : env("PATH").split(":")) {
            String candidate = (dir + "/" + command).substring(1);
            if (files.containsKey(candidate)) {
                launcher = candidate;
                break;
            }
        }
        assertThat(launcher).as("'%s' on the image's PATH %s", command, env("PATH")).isNotNull();
        assertThat(layerOf.get(launcher)).isEqualTo("java runtime");
        assertExecutableByAll(launcher);
        // The program interpreter the launcher names, and the runtime's own library.
        assertExecutableByAll("lib64/ld-linux-x86-64.so.2");
        assertThat(files).containsKeys(launcher.replace("bin/java", "lib/server/libjvm.so"),
                "lib/x86_64-linux-gnu/libc.so.6", "usr/lib/locale/C.utf8/LC_CTYPE");

        // Every jar of the class path the entry point names is in the image.
        String classPathFile = config.path("Entrypoint").get(2).asText().substring("@/".length());
        String classPath = new String(content(classPathFile), StandardCharsets.UTF_8).trim();
        List<String> jars = Arrays.stream(classPath.split(":")).filter(p -> p.endsWith(".jar")).toList();
        assertThat(jars).anyMatch(jar -> jar.matches("/app/libs/herd-cli-.*\\.jar"));
        assertThat(jars).allSatisfy(jar -> assertThat(files).containsKey(jar.substring(1)));
    }

    @Test
    void carriesNoEmbeddedServerNorTheLabsKey() throws IOException {
        LabContentScan scan = new LabContentScan(LabContentScan.DEMO_KEY, "herd.sidecar.privacy.pseudonym-key");
        for (OciArchive.Layer layer : layers) {
            layer.forEach((entry, content) -> {
                if (entry.isFile()) {
                    scan.file(OciArchive.path(entry), content);
                }
            });
        }
        assertThat(scan.classes()).as("classes read").isGreaterThan(10_000);
        assertThat(scan.found()).as("what the scan found").contains("herd.sidecar.privacy.pseudonym-key")
                .noneMatch(found -> found.startsWith(LabContentScan.DEMO_KEY));
        assertThat(scan.serverArtefacts()).isEmpty();
    }

    /**
     * Unpacks the layers and runs the image's entry point with its default command, then the java
     * launcher alone, as the image's user in its working directory with only its environment:
     * new mount and PID namespaces with /proc (which the launcher reads to find its libraries),
     * the unpacked image as root directory. Needs root (CI runs as root) and util-linux 2.38.
     */
    @Test
    void runsItsEntryPointFromTheUnpackedImage(@TempDir Path root) throws Exception {
        assumeTrue(canUnshare(), "this machine cannot make mount and PID namespaces (root and util-linux 2.38 are needed)");
        for (OciArchive.Layer layer : layers) {
            Path blob = root.resolve(".layer.tar.gz");
            try (InputStream in = layer.compressed()) {
                Files.copy(in, blob);
            }
            run(List.of("tar", "-xzf", blob.toString(), "-C", root.toString()));
            Files.delete(blob);
        }
        Files.createDirectories(root.resolve("proc"));
        // The root directory of a container is open to all, not private as a temporary directory.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> entryPoint = new ArrayList<>(strings(config.path("Entrypoint")));
        entryPoint.addAll(strings(config.path("Cmd")));
        Result herd = inImage(root, entryPoint);
        assertThat(herd.exitCode()).as(herd.output()).isZero();
        assertThat(herd.output()).contains("Usage: herd [-hV] COMMAND", "sidecar", "mirror", "verify", "grants", "restore");

        Result java = inImage(root, List.of("java", "-XshowSettings:properties", "-version"));
        assertThat(java.exitCode()).as(java.output()).isZero();
        assertThat(java.output()).contains("java.version = 17.", "user.name = herd",
                "user.home = " + config.path("WorkingDir").asText(), "file.encoding = UTF-8");
    }

    private static Result inImage(Path root, List<String> command) throws Exception {
        String[] user = config.path("User").asText().split(":");
        List<String> line = new ArrayList<>(List.of("env", "-i"));
        line.addAll(strings(config.path("Env")));
        line.addAll(List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc=/proc", "--root=" + root,
                "--wd=" + config.path("WorkingDir").asText(), "--setgid=" + user[1], "--setuid=" + user[0]));
        line.addAll(command);
        return run(line);
    }

    private static boolean canUnshare() {
        try {
            return run(List.of("unshare", "--mount", "--pid", "--fork", "--root=/", "--wd=/", "true")).exitCode() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static void assertExecutableByAll(String path) {
        TarArchiveEntry entry = files.get(path);
        assertThat(entry).as(path).isNotNull();
        assertThat(entry.isFile()).as(path + " is a plain file").isTrue();
        assertThat(entry.getMode() & 0111).as("execute bits of " + path).isEqualTo(0111);
    }

    private static String env(String name) {
        return strings(config.path("Env")).stream().filter(e -> e.startsWith(name + "=")).findFirst()
                .map(e -> e.substring(name.length() + 1)).orElseThrow();
    }

    private static List<String> lines(String path) throws IOException {
        return new String(content(path), StandardCharsets.UTF_8).lines().toList();
    }

    /** The content of a file as the top-most layer that has it holds it. */
    private static byte[] content(String path) throws IOException {
        byte[][] content = new byte[1][];
        for (OciArchive.Layer layer : layers) {
            layer.forEach((entry, in) -> {
                if (OciArchive.path(entry).equals(path)) {
                    content[0] = in.readAllBytes();
                }
            });
        }
        assertThat(content[0]).as(path).isNotNull();
        return content[0];
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
