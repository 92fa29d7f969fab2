package org.herd.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.mapping.EntityRestores;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserPolicy;
import org.herd.translator.UserReferences;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The restore is the translator's inverse: random neutral rows of every entity, written into
 * Gazelle rows by the restore and translated back by the real {@link Translator} (with the origin
 * lookups answered from the rows written), give the same records, for both variants and every user
 * policy. The one difference by design: under the public policy the voter accounts are users too.
 */
class EntityRestoreRoundTripTest {

    private static final String ORIGIN = "old-site";
    private static final byte[] KEY = "the rebuilt site's own key, 32 bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final SourcePosition POSITION = new SourcePosition("mysql-bin.000001", 4, 0, 0, true, 0);

    static Stream<Arguments> sites() {
        return Stream.of(GazelleVariant.values()).flatMap(v -> Stream.of(
                Arguments.of(v, UserPolicy.PSEUDONYMOUS, false, 1L),
                Arguments.of(v, UserPolicy.PUBLIC, true, 2L),
                Arguments.of(v, UserPolicy.NONE, false, 3L),
                Arguments.of(v, UserPolicy.PSEUDONYMOUS, true, 4L)));
    }

    @ParameterizedTest(name = "{0}, users {1}, info_hash {2}")
    @MethodSource("sites")
    void translatingTheRestoredRowsGivesTheRowsRestored(GazelleVariant variant, UserPolicy policy, boolean infoHash,
            long seed) {
        NeutralSite site = new NeutralSite(variant, policy, infoHash, seed, 40);
        UserPlan plan = plan(site);
        MemoryTarget target = new MemoryTarget();
        RestoreContext context = new RestoreContext(GazelleTables.of(variant), plan, target);
        for (EntityRestore r : EntityRestores.of(variant)) {
            for (NeutralSite.Row row : site.rows(r.entity())) {
                r.restore(new NeutralRow(r.entity(), row.key(), row.payload()), context);
            }
        }
        UsersRestore.write(plan, ORIGIN, context);

        Translator translator = new Translator(new TranslatorSettings(ORIGIN, variant, users(policy, plan), infoHash));
        Map<String, Map<Map<String, Object>, Map<String, Object>>> translated = new HashMap<>();
        target.tables.forEach((table, rows) -> {
            for (Map<String, Object> row : rows) {
                for (NeutralRecord record : translator.translate(RowChange.read(table, row, POSITION),
                        target.lookup()).records()) {
                    assertThat(record.op()).isEqualTo(Operation.UPSERT);
                    translated.computeIfAbsent(record.entity(), e -> new LinkedHashMap<>())
                            .put(record.key(), record.payload());
                }
            }
        });

        for (EntityRestore r : EntityRestores.of(variant)) {
            Map<Map<String, Object>, Map<String, Object>> expected = new LinkedHashMap<>();
            site.rows(r.entity()).forEach(row -> expected.put(row.key(), row.payload()));
            assertThat(expected).as(r.entity().name()).isNotEmpty();
            assertThat(translated.getOrDefault(r.entity().name(), Map.of())).as(r.entity().name())
                    .containsExactlyInAnyOrderEntriesOf(expected);
        }
        Map<Map<String, Object>, Map<String, Object>> users = new LinkedHashMap<>();
        site.rows(NeutralSchema.USER).forEach(row -> users.put(row.key(), row.payload()));
        if (policy == UserPolicy.PUBLIC) {
            plan.accounts().stream().filter(a -> a.kind() == UserPlan.Kind.VOTER).forEach(a -> users.put(
                    Map.of("user_ref", Long.toString(a.id())), Map.of("username", a.username())));
        }
        assertThat(translated.getOrDefault("user", Map.of())).containsExactlyInAnyOrderEntriesOf(users);
    }

    /** The plan the restore makes from the mirror, here from the generated rows. */
    private static UserPlan plan(NeutralSite site) {
        UserPlan.Builder plan = UserPlan.builder();
        for (MirrorUsers.UserField f : MirrorUsers.userFields(site.variant)) {
            site.rows(f.entity()).forEach(row -> plan.reference((String) row.payload().get(f.field())));
        }
        site.rows(NeutralSchema.USER).forEach(row -> plan.publicUser((String) row.key().get("user_ref"),
                (String) row.payload().get("username")));
        site.rows(NeutralSchema.REQUEST).forEach(row -> plan.votes((Long) row.payload().get("vote_count")));
        return plan.build();
    }

    /** The second sidecar's references: the new site's key, and the pseudonyms carried over. */
    private static UserReferences users(UserPolicy policy, UserPlan plan) {
        return switch (policy) {
            case NONE -> UserReferences.none();
            case PUBLIC -> UserReferences.publicIds();
            case PSEUDONYMOUS -> {
                Map<Long, String> carried = new HashMap<>();
                plan.accounts().stream().filter(a -> a.carried() != null).forEach(a -> carried.put(a.id(), a.carried()));
                yield UserReferences.pseudonymous(KEY).withCarried(carried);
            }
        };
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyEntityTheVariantPublishesHasARestore(GazelleVariant variant) {
        Translator translator = new Translator(new TranslatorSettings(ORIGIN, variant));
        List<String> published = translator.capturedColumns().keySet().stream()
                .map(t -> translator.mapping(t).orElseThrow())
                .filter(m -> m.publishes()).map(m -> m.entity().name()).distinct().sorted().toList();
        assertThat(EntityRestores.of(variant).stream().map(r -> r.entity().name()).sorted().toList())
                .isEqualTo(published);
    }

    static Stream<GazelleVariant> variants() {
        return Stream.of(GazelleVariant.values());
    }
}
