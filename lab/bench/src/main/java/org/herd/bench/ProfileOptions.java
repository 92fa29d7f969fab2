package org.herd.bench;

/**
 * {@code --profile}: besides the flight recordings of {@code --jfr}, async-profiler's CPU flame
 * graphs of the sidecar and the replicators ({@link Profiler}), in the report's directory. Default off.
 */
record ProfileOptions(boolean flameGraphs) {

    static final ProfileOptions NONE = new ProfileOptions(false);
}
