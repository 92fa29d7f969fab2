package org.herd.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import org.herd.translator.mapping.TableMapping;
import org.junit.jupiter.api.Test;

class RepairPlanTest {

    private static final Translator T = new Translator(new TranslatorSettings("o", GazelleVariant.WHATCD,
            UserReferences.publicIds(), false));
    private static final SourcePosition AT = new SourcePosition("mysql-bin.000007", 4242, 0, 0, false, 0);

    private static Optional<TableMapping> mapping(String entity) {
        return Optional.ofNullable(OriginSource.mappings(T, T.capturedColumns().keySet()).get(entity));
    }

    private static Verification.EntityResult entity(String name, Verification.Difference... d) {
        return new Verification.EntityResult(name, 0, 0, 0, 0, List.of(d), Map.of());
    }

    private static Verification.Difference d(Verification.Kind kind, Map<String, Object> key) {
        return new Verification.Difference(key, kind, "");
    }

    private static Map<String, Object> key(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void missingAndDifferingRowsAreNamedByTheirSourceColumnsAndExtraRowsDeletedAtTheConfirmingPosition() {
        Map<String, Verification.EntityResult> entities = new LinkedHashMap<>();
        entities.put("release", entity("release", d(Verification.Kind.MISSING, key("release_id", 5L)),
                d(Verification.Kind.DIFFERING, key("release_id", 9L)),
                d(Verification.Kind.EXTRA, key("release_id", 11L))));
        entities.put("release_group_tag", entity("release_group_tag",
                d(Verification.Kind.MISSING, key("release_group_id", 1L, "tag_id", 2L))));
        entities.put("release_group_artist", entity("release_group_artist",
                d(Verification.Kind.DIFFERING, key("release_group_id", 3L, "alias_id", 4L, "role", "main"))));
        entities.put("user", entity("user", d(Verification.Kind.MISSING, key("user_ref", "17"))));
        Verification.Result result = new Verification.Result(entities, Optional.of(AT), 1, Duration.ZERO, Map.of(), 20);

        RepairPlan plan = RepairPlan.of(result, T);

        assertThat(plan.snapshots()).containsExactly(
                new RepairPlan.Snapshot("torrents", "(`ID` = 5) OR (`ID` = 9)", 2),
                new RepairPlan.Snapshot("torrents_tags", "(`GroupID` = 1 AND `TagID` = 2)", 1),
                new RepairPlan.Snapshot("torrents_artists", "(`GroupID` = 3 AND `AliasID` = 4)", 1),
                new RepairPlan.Snapshot("users_main", "(`ID` = 17)", 1));
        // Row 1: after a snapshot read at the same position (a quiet site), before any later change.
        SourcePosition stamp = new SourcePosition("mysql-bin.000007", 4242, 0, 1, false, 0);
        assertThat(plan.deletes()).containsExactly(NeutralRecord.delete("release", "o", key("release_id", 11L),
                stamp));
        assertThat(stamp.isAfter(AT)).isTrue();
        assertThat(new SourcePosition("mysql-bin.000007", 4242, 1, 0, false, 0).isAfter(stamp)).isTrue();
        assertThat(plan.deletes().get(0).op()).isEqualTo(Operation.DELETE);
        assertThat(plan.unrepairable()).isEmpty();
        assertThat(plan.describe()).contains("snapshot torrents: 2 rows WHERE (`ID` = 5) OR (`ID` = 9)",
                "delete release {release_id=11} delete at mysql-bin.000007:4242/0#1");
    }

    @Test
    void conditionsAreBatchedAndWhatCannotBeNamedIsSaid() {
        Map<String, Verification.EntityResult> entities = new LinkedHashMap<>();
        entities.put("tag", entity("tag", d(Verification.Kind.MISSING, key("tag_id", 1L)),
                d(Verification.Kind.MISSING, key("tag_id", 2L)), d(Verification.Kind.MISSING, key("tag_id", 3L)),
                d(Verification.Kind.EXTRA, key("tag_id", 4L))));
        entities.put("user", entity("user", d(Verification.Kind.DIFFERING, key("user_ref", "a1b2c3"))));
        RepairPlan plan = RepairPlan.of(new Verification.Result(entities, Optional.empty(), 0, Duration.ZERO,
                Map.of(), 20), "o", RepairPlanTest::mapping, 2);
        assertThat(plan.snapshots()).extracting(RepairPlan.Snapshot::filter)
                .containsExactly("(`ID` = 1) OR (`ID` = 2)", "(`ID` = 3)");
        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.unrepairable()).hasSize(2);
        assertThat(plan.unrepairable().get(0)).contains("tag {tag_id=4}", "binlog position could not be read");
        assertThat(plan.unrepairable().get(1)).contains("user {user_ref=a1b2c3}", "pseudonym");
    }

    @Test
    void textLiteralsAreQuotedOrRefused() {
        assertThat(RepairPlan.literal("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(RepairPlan.literal(42L)).isEqualTo("42");
        assertThatThrownBy(() -> RepairPlan.literal("a\\' OR 1=1 -- ")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> RepairPlan.literal(null)).hasMessageContaining("null");
    }
}
