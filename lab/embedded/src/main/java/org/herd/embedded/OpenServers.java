package org.herd.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes servers the JVM still has open when it exits. MariaDB and PostgreSQL run as child
 * processes that would otherwise outlive a test JVM and keep ports, memory and temp dirs.
 */
final class OpenServers {

    private static final Logger LOG = LoggerFactory.getLogger(OpenServers.class);
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private OpenServers() {
    }

    static synchronized void register(AutoCloseable server) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenServers::closeAll, "herd-embedded-shutdown"));
            hookInstalled = true;
        }
        OPEN.add(server);
    }

    static synchronized void unregister(AutoCloseable server) {
        OPEN.remove(server);
    }

    private static void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (OpenServers.class) {
            toClose = new ArrayList<>(OPEN);
        }
        // Newest first: a stack registers its servers after their own registration.
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.warn("Could not close {} at JVM exit: {}", toClose.get(i), e.toString());
            }
        }
    }
}
