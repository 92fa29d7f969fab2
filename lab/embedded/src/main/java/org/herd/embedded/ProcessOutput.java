package org.herd.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Drains a child process's merged output on a daemon thread. The pipe must always be read, or the
 * server blocks once the pipe buffer fills; the tail is kept so start failures can show why.
 */
final class ProcessOutput {

    private static final int TAIL_LINES = 40;

    private final Logger log;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread reader;
    private Predicate<String> awaited;
    private boolean matched;
    private boolean ended;

    ProcessOutput(Process process, String name, Logger log) {
        this.log = log;
        this.reader = new Thread(() -> drain(process.getInputStream()), name + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void drain(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.debug("{}", line);
                synchronized (this) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                    if (awaited != null && !matched && awaited.test(line)) {
                        matched = true;
                        notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            log.debug("Output stream closed: {}", e.toString());
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits until a line satisfying {@code condition} was printed (true), or the output ended or
     * the timeout passed (false). Only lines printed after this call are guaranteed to be
     * considered, so callers set it up before anything interesting can be printed.
     */
    synchronized boolean await(Predicate<String> condition, Duration timeout) throws InterruptedException {
        if (awaited == null) {
            awaited = condition;
            matched = tail.stream().anyMatch(condition);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!matched && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return matched;
    }

    synchronized String tail() {
        return String.join(System.lineSeparator(), tail);
    }

    synchronized boolean contains(String text) {
        return tail.stream().anyMatch(line -> line.contains(text));
    }

    void join(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
    }
}
