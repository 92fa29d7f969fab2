package org.herd.simulator;

/**
 * Receives generated rows. Values are in the column order of the table's catalogue entry
 * ({@link GazelleDataGenerator#columns(String)}) and are {@code null}, {@link Integer},
 * {@link Long}, {@link Double}, {@link String} (datetimes as {@code yyyy-MM-dd HH:mm:ss}, zero dates
 * as {@code 0000-00-00 00:00:00}) or {@code byte[]} (info_hash).
 */
@FunctionalInterface
public interface RowSink {

    void row(String table, Object[] values);
}
