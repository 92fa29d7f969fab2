package org.herd.sidecar.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.herd.sidecar.config.SourceConnector;
import org.junit.jupiter.api.Test;

class SourceLookupsTest {

    @Test
    void theLookupEncryptsAsDebeziumDoesInEachDriversWords() {
        assertThat(SourceLookups.jdbcSslMode(SourceConnector.MARIADB, "verify_identity")).isEqualTo("verify-full");
        assertThat(SourceLookups.jdbcSslMode(SourceConnector.MARIADB, "required")).isEqualTo("trust");
        assertThat(SourceLookups.jdbcSslMode(SourceConnector.MARIADB, "disabled")).isEqualTo("disable");
        assertThat(SourceLookups.jdbcSslMode(SourceConnector.MYSQL, "verify_ca")).isEqualTo("VERIFY_CA");
        assertThatThrownBy(() -> SourceLookups.jdbcSslMode(SourceConnector.MARIADB, "sometimes"))
                .hasMessageContaining("herd.sidecar.debezium[database.ssl.mode] 'sometimes'");
    }
}
