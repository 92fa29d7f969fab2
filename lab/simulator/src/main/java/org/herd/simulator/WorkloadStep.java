package org.herd.simulator;

/**
 * One change the workload made.
 *
 * @param kind  the workload method that made it, e.g. {@code newUpload}
 * @param table the table of the row the change is about
 * @param key   that row's primary key values in key-column order, joined by ','; for a tracker
 *              flush, which touches many rows, the torrent ids joined by ','
 */
public record WorkloadStep(String kind, String table, String key) {
}
