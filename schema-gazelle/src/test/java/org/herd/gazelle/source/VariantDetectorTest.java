package org.herd.gazelle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

class VariantDetectorTest {

    private static SourceSchema schema(Object... tableThenColumns) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (int i = 0; i < tableThenColumns.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) tableThenColumns[i + 1];
            tables.put((String) tableThenColumns[i], columns);
        }
        return new SourceSchema("gazelle", tables);
    }

    @Test
    void primaryAliasMeansOps() {
        VariantDetection d = VariantDetector.detect(schema(
                "artists_group", List.of("ArtistID", "RevisionID", "VanityHouse", "LastCommentID", "PrimaryAlias"),
                "release_type", List.of("ID", "Name")));
        assertThat(d.variant()).isEqualTo(GazelleVariant.OPS);
        assertThat(d.evidence()).contains("artists_group.PrimaryAlias").contains("release_type");
    }

    @Test
    void primaryAliasAloneIsEnoughWhenGrantsHideTheCodeTables() {
        VariantDetection d = VariantDetector.detect(schema(
                "artists_group", List.of("ArtistID", "RevisionID", "VanityHouse", "PrimaryAlias")));
        assertThat(d.variant()).isEqualTo(GazelleVariant.OPS);
        assertThat(d.evidence()).doesNotContain("release_type table exists");
    }

    @Test
    void nameWithoutReleaseTypeTableMeansWhatcd() {
        VariantDetection d = VariantDetector.detect(schema(
                "artists_group", List.of("ArtistID", "Name", "RevisionID", "VanityHouse", "LastCommentID"),
                "torrents", List.of("ID")));
        assertThat(d.variant()).isEqualTo(GazelleVariant.WHATCD);
        assertThat(d.evidence()).contains("artists_group.Name");
    }

    @Test
    void anythingElseIsRefusedWithWhatWasFound() {
        assertThatThrownBy(() -> VariantDetector.detect(schema("torrents", List.of("ID"))))
                .isInstanceOf(UnknownVariantException.class)
                .hasMessageContaining("'gazelle'").hasMessageContaining("no table artists_group");
        assertThatThrownBy(() -> VariantDetector.detect(schema("artists_group", List.of("ArtistID", "RevisionID"))))
                .isInstanceOf(UnknownVariantException.class)
                .hasMessageContaining("neither Name (WhatCD) nor PrimaryAlias (OPS)")
                .hasMessageContaining("[ArtistID, RevisionID]");
        assertThatThrownBy(() -> VariantDetector.detect(schema(
                "artists_group", List.of("ArtistID", "Name", "PrimaryAlias"))))
                .isInstanceOf(UnknownVariantException.class).hasMessageContaining("both Name");
        assertThatThrownBy(() -> VariantDetector.detect(schema(
                "artists_group", List.of("ArtistID", "Name"), "release_type", List.of("ID", "Name"))))
                .isInstanceOf(UnknownVariantException.class).hasMessageContaining("before its 2024 artist-alias");
    }

    @Test
    void columnNamesMatchExactly() {
        // The sidecar matches captured columns by exact name; a differently spelled column is absent.
        SourceSchema s = schema("artists_group", List.of("ArtistID", "primaryalias", "name"));
        assertThat(s.hasColumn("artists_group", "PrimaryAlias")).isFalse();
        assertThatThrownBy(() -> VariantDetector.detect(s)).isInstanceOf(UnknownVariantException.class);
    }

    @Test
    void coverageNamesUnknownTablesAndWhatCaptureWouldLack() {
        SourceSchema s = schema(
                "artists_group", List.of("ArtistID", "RevisionID", "VanityHouse", "LastCommentID", "PrimaryAlias"),
                "artists_alias", List.of("AliasID", "ArtistID", "Name", "UserID"),
                "xbt_files_users", List.of("uid", "fid"),
                "sphinx_delta", List.of("ID"));
        Map<String, List<String>> captured = new LinkedHashMap<>();
        captured.put("artists_group", List.of("ArtistID", "RevisionID", "VanityHouse", "PrimaryAlias"));
        captured.put("artists_alias", List.of("AliasID", "ArtistID", "Name", "Redirect"));
        captured.put("tags", List.of("ID", "Name"));
        CatalogueCoverage c = CatalogueCoverage.of(GazelleCatalogue.of(GazelleVariant.OPS), captured, s);
        assertThat(c.unknownTables()).containsExactly("sphinx_delta", "xbt_files_users");
        assertThat(c.missingTables()).containsExactly("tags");
        assertThat(c.missingColumns()).containsExactly(Map.entry("artists_alias", List.of("Redirect")));
        assertThat(c.complete()).isFalse();
    }
}
