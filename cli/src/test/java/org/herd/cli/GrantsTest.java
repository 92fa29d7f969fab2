package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.UserPolicy;
import org.junit.jupiter.api.Test;

class GrantsTest {

    @Test
    void grantsSelectOnPublicColumnsOnlyAndNothingOnPrivateTables() {
        String sql = Grants.sql(GazelleVariant.WHATCD, UserPolicy.PSEUDONYMOUS, false, "gazelle", "herd", "10.0.0.5");
        assertThat(sql).contains("CREATE USER IF NOT EXISTS 'herd'@'10.0.0.5'");
        assertThat(sql).contains("GRANT RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'herd'@'10.0.0.5'");
        assertThat(sql).contains("GRANT SHOW VIEW ON `gazelle`.`torrents` TO 'herd'@'10.0.0.5';");
        String torrents = sql.lines().filter(l -> l.startsWith("GRANT SELECT") && l.contains("ON `gazelle`.`torrents` "))
                .findFirst().orElseThrow();
        assertThat(torrents).contains("`Media`", "`GroupID`", "`FileList`")
                .doesNotContain("`info_hash`", "`UserID`", "`Seeders`", "`FilePath`");
        assertThat(sql).doesNotContain("users_main", "pm_messages", "ON `gazelle`.*");
    }
}
