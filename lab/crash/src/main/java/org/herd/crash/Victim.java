package org.herd.crash;

import java.util.Locale;

/** What the crash harness kills. */
public enum Victim {
    SIDECAR, REPLICATOR, BROKER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
