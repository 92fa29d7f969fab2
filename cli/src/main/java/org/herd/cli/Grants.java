package org.herd.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserPolicy;
import org.herd.translator.UserReferences;

/**
 * {@code herd grants}: the SQL that creates the sidecar's replication user with the least
 * privileges. SELECT is granted per column, on public columns only, so the database itself
 * refuses every private column to the snapshot; the binlog privileges cannot be narrowed by
 * table, which is why the sidecar filters the stream again.
 */
final class Grants {

    private Grants() {
    }

    /**
     * @param users    the user policy the sidecar will run with: under any but NONE it reads the
     *                 author columns too
     * @param infoHash whether the sidecar will publish info_hash
     */
    static String sql(GazelleVariant variant, UserPolicy users, boolean infoHash, String database, String user,
            String host) {
        // Which columns the translator reads depends on the policy, not on the key.
        UserReferences references = switch (users) {
            case NONE -> UserReferences.none();
            case PUBLIC -> UserReferences.publicIds();
            case PSEUDONYMOUS -> UserReferences.pseudonymous(new byte[UserReferences.MIN_KEY_BYTES]);
        };
        Map<String, List<String>> columns = new Translator(new TranslatorSettings("grants", variant, references,
                infoHash)).capturedColumns();
        String account = "'" + user + "'@'" + host + "'";
        StringBuilder b = new StringBuilder();
        b.append("-- Replication user for the Herd sidecar (").append(variant).append(" schema `").append(database)
                .append("`).\n");
        b.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY 'choose-a-password';\n");
        b.append("-- Read the binlog (MariaDB 10.5+: BINLOG MONITOR stands for REPLICATION CLIENT);\n");
        b.append("-- RELOAD lets the snapshot take its brief global read lock for a consistent start.\n");
        b.append("GRANT RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO ").append(account).append(";\n");
        b.append("-- SELECT on the columns the sidecar reads (public columns, the columns that decide\n");
        b.append("-- whether a row may leave, and author ids under user policy ").append(users)
                .append(info(infoHash)).append(") only.\n");
        b.append("-- SHOW VIEW on the same tables lets the snapshot read\n");
        b.append("-- their definitions (SHOW CREATE TABLE), which column privileges alone do not allow;\n");
        b.append("-- it grants no access to any row.\n");
        columns.forEach((table, cols) -> {
            String on = " ON `" + database + "`.`" + table + "` TO " + account + ";\n";
            b.append("GRANT SELECT (").append(cols.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                    .append(")").append(on);
            b.append("GRANT SHOW VIEW").append(on);
        });
        return b.toString();
    }

    private static String info(boolean infoHash) {
        return infoHash ? ", info_hash opted in" : "";
    }
}
