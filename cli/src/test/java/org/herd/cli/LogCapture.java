package org.herd.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what is logged while a leak test runs, so that the test can search the log for canaries:
 * logger, message with its arguments filled in, and the stack trace with every cause's message.
 * Configured in logback-test.xml (and so kept when Spring Boot reconfigures logging as an
 * application starts); it does nothing until {@link #startKeeping()}.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    /** Events beyond this many are counted, not kept. */
    private static final int MAX_EVENTS = 500_000;

    private static final Object LOCK = new Object();
    private static List<String> events;
    private static long dropped;

    /** Starts keeping events, forgetting any kept before. */
    public static void startKeeping() {
        synchronized (LOCK) {
            events = new ArrayList<>();
            dropped = 0;
        }
    }

    /** The events kept so far, while keeping goes on. */
    public static List<String> snapshot() {
        synchronized (LOCK) {
            return events == null ? List.of() : List.copyOf(events);
        }
    }

    /** Stops keeping events and returns those kept since {@link #startKeeping()}. */
    public static List<String> stopKeeping() {
        synchronized (LOCK) {
            List<String> out = events == null ? List.of() : events;
            events = null;
            long lost = dropped;
            dropped = 0;
            if (lost > 0) {
                throw new IllegalStateException(lost + " log events were not kept: the log could not be searched whole");
            }
            return out;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        synchronized (LOCK) {
            if (events == null) {
                return;
            }
            if (events.size() >= MAX_EVENTS) {
                dropped++;
                return;
            }
            StringBuilder b = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                    + event.getFormattedMessage());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                b.append('\n').append(ThrowableProxyUtil.asString(thrown));
            }
            events.add(b.toString());
        }
    }
}
