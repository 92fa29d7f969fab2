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

    @Test
    void opsGrantsTheColumnsOpsHasAndTheDetectorNeeds() {
        String sql = Grants.sql(GazelleVariant.OPS, UserPolicy.NONE, false, "gazelle", "herd", "%");
        assertThat(sql).contains("OPS schema");
        String artists = sql.lines().filter(l -> l.startsWith("GRANT SELECT") && l.contains("`artists_group`"))
                .findFirst().orElseThrow();
        // PrimaryAlias is what variant detection looks for; it must be visible to the sidecar's user.
        assertThat(artists).contains("`PrimaryAlias`").doesNotContain("`Name`");
        assertThat(sql).doesNotContain("torrents_leech_stats", "deleted_torrents", "release_type", "`ArtistID`, `AliasID`");
        String torrents = sql.lines().filter(l -> l.startsWith("GRANT SELECT") && l.contains("`torrents` "))
                .findFirst().orElseThrow();
        assertThat(torrents).doesNotContain("`TranscodedFrom`", "`info_hash`", "`UserID`");
    }
}
