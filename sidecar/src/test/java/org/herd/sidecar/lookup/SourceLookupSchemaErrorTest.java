package org.herd.sidecar.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A lookup the source's schema no longer answers is permanent for that change (quarantined); one
 * the database could not answer for now is retried by capture.
 */
class SourceLookupSchemaErrorTest {

    /** A connection whose every statement fails with the given error. */
    private static Connection failing(java.util.function.Supplier<SQLException> error, AtomicInteger attempts) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "prepareStatement", "createStatement" -> {
                        attempts.incrementAndGet();
                        throw error.get();
                    }
                    case "isClosed" -> false;
                    default -> null;
                });
    }

    private static SourceLookup lookup(java.util.function.Supplier<SQLException> error, AtomicInteger attempts) {
        return new SourceLookup(() -> failing(error, attempts), Map.of("forums", List.of("ID", "MinClassRead")),
                Map.of("forums", List.of("ID")), 10);
    }

    @Test
    void anUnknownColumnIsASchemaMismatchNamingTableAndColumnWithoutRetrying() {
        AtomicInteger attempts = new AtomicInteger();
        SourceLookup lookup = lookup(() -> new SQLSyntaxErrorException("Unknown column 'MinClassRead' in 'SELECT'", "42S22",
                1054), attempts);
        assertThatThrownBy(() -> lookup.row("forums", Map.of("ID", 7L)))
                .isInstanceOfSatisfying(SourceLookup.SchemaMismatchException.class, e -> {
                    assertThat(e.table()).isEqualTo("forums");
                    assertThat(e.column()).isEqualTo("MinClassRead");
                    assertThat(e.getMessage()).contains("forums", "Unknown column 'MinClassRead'");
                });
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aDroppedTableIsASchemaMismatch() {
        SourceLookup lookup = lookup(() -> new SQLSyntaxErrorException("Table 'gazelle.forums' doesn't exist", "42S02", 1146),
                new AtomicInteger());
        assertThatThrownBy(() -> lookup.row("forums", Map.of("ID", 7L)))
                .isInstanceOfSatisfying(SourceLookup.SchemaMismatchException.class, e -> assertThat(e.column()).isNull());
    }

    @Test
    void aConnectionFailureOrAMissingGrantIsRetriedByCapture() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> lookup(() -> new SQLTransientConnectionException("connection reset", "08S01", 0), attempts)
                .row("forums", Map.of("ID", 7L))).isInstanceOf(SourceLookup.LookupFailedException.class);
        assertThat(attempts).hasValue(2);
        assertThatThrownBy(() -> lookup(() -> new SQLSyntaxErrorException("SELECT command denied", "42000", 1142),
                new AtomicInteger()).row("forums", Map.of("ID", 7L)))
                .isInstanceOf(SourceLookup.LookupFailedException.class);
    }
}
