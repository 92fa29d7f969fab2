package org.herd.sidecar.config;

/** Which Debezium connector reads the Gazelle database. */
public enum SourceConnector {
    /** MariaDB, through Debezium's MariaDB connector. */
    MARIADB("io.debezium.connector.mariadb.MariaDbConnector"),
    /** MySQL or Percona, through Debezium's MySQL connector. */
    MYSQL("io.debezium.connector.mysql.MySqlConnector");

    private final String connectorClass;

    SourceConnector(String connectorClass) {
        this.connectorClass = connectorClass;
    }

    public String connectorClass() {
        return connectorClass;
    }
}
