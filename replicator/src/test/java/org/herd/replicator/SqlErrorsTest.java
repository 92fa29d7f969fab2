package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void dataIntegrityAndLimitErrorsBlameTheRecord() {
        assertThat(SqlErrors.isContentRejection(new SQLException("invalid byte sequence", "22021"))).isTrue();
        assertThat(SqlErrors.isContentRejection(new SQLException("null value violates not-null", "23502"))).isTrue();
        assertThat(SqlErrors.isContentRejection(new SQLException("index row size exceeds maximum", "54000")))
                .isTrue();
    }

    @Test
    void everythingElseIsRetried() {
        assertThat(SqlErrors.isContentRejection(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(SqlErrors.isContentRejection(new SQLException("terminating connection", "57P01"))).isFalse();
        assertThat(SqlErrors.isContentRejection(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(SqlErrors.isContentRejection(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(SqlErrors.isContentRejection(new SQLTransientConnectionException("pool timed out"))).isFalse();
        assertThat(SqlErrors.isContentRejection(new IllegalStateException("no SQL at all"))).isFalse();
    }

    @Test
    void batchFailureIsJudgedAndDescribedByItsCauseWithoutTheStatement() {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO herd.artist VALUES ('secret name') was aborted", "22021", new int[0]);
        batch.setNextException(new SQLException(
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00\n  Where: unnamed portal parameter $3",
                "22021"));
        RuntimeException wrapped = new RuntimeException("apply failed", batch);

        assertThat(SqlErrors.isContentRejection(wrapped)).isTrue();
        assertThat(SqlErrors.describe(wrapped))
                .isEqualTo("SQLSTATE 22021: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
    }

    @Test
    void detailLinesAreLeftOut() {
        SQLException e = new SQLException("ERROR: new row violates check constraint\n  Detail: Failing row contains "
                + "(site, 1, private text)", "23514");
        assertThat(SqlErrors.describe(e)).isEqualTo("SQLSTATE 23514: ERROR: new row violates check constraint");
    }

    @Test
    void nonSqlFailureIsDescribedByItsRootCause() {
        RuntimeException e = new RuntimeException("outer", new IllegalStateException("pool closed\nmore"));
        assertThat(SqlErrors.describe(e)).isEqualTo("IllegalStateException: pool closed");
    }
}
