package org.herd.sidecar;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the start-up decisions the sidecar logs (logger org.herd.sidecar.state), so that a test
 * can assert on the lines an operator reads. Configured in logback-test.xml, which Spring Boot
 * keeps when it sets up logging as a sidecar starts.
 */
public final class LogKeeper extends AppenderBase<ILoggingEvent> {

    private static final List<String> LINES = new ArrayList<>();

    public static synchronized List<String> lines() {
        return List.copyOf(LINES);
    }

    public static synchronized void clear() {
        LINES.clear();
    }

    @Override
    protected void append(ILoggingEvent event) {
        synchronized (LogKeeper.class) {
            LINES.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    }
}
