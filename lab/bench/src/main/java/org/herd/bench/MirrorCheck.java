package org.herd.bench;

import javax.sql.DataSource;

/** Compares a mirror's content with the origin once a phase's clock has stopped ({@link ContentCheck}). */
@FunctionalInterface
interface MirrorCheck {
    BenchReport.Comparison compare(DataSource mirror) throws Exception;
}
