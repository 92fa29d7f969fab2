package org.herd.simulator;

/** Told after every batch a data load commits. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param table   the table the batch went to
     * @param written rows of that table committed so far
     * @param planned rows of that table the load will write in all
     */
    void batchCommitted(String table, long written, long planned);
}
