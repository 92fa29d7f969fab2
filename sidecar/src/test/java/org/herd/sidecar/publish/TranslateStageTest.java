package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.lookup.LookupFailures;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.junit.jupiter.api.Test;

/**
 * Translate, with the rows a change's cascades name read through enrich: a forum that becomes a
 * staff forum takes its topics along, and through them their posts.
 */
class TranslateStageTest {

    private static final SourcePosition AT = new SourcePosition("mysql-bin.000007", 900, 3, 0, false, 1);

    private final Translator translator = new Translator(new TranslatorSettings("unit", GazelleVariant.WHATCD));
    private final ScriptedProducer producer = ScriptedProducer.acknowledging();
    private final RecordingListener listener = new RecordingListener();
    private final MissingColumns missingColumns = new MissingColumns("herd.unit._quarantine");
    private final Quarantine quarantine = new Quarantine(producer, "herd.unit",
            GazelleCatalogue.of(GazelleVariant.WHATCD), missingColumns, listener);
    private final InMemorySource source = new InMemorySource();
    private final EnrichStage enrich = new EnrichStage(source, quarantine);
    private final TranslateStage translate = new TranslateStage(translator, enrich, quarantine, missingColumns,
            listener);
    private final List<TranslatedRecord> out = new ArrayList<>();

    private static Map<String, Object> forum(long minClassRead) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", 1L);
        row.put("CategoryID", 1L);
        row.put("Sort", 10L);
        row.put("Name", "Music");
        row.put("Description", "");
        row.put("MinClassRead", minClassRead);
        row.put("NumTopics", 2L);
        return row;
    }

    private static Map<String, Object> topic(long id, Object isLocked) {
        return Map.of("ID", id, "ForumID", 1L, "Title", "topic " + id, "IsLocked", isLocked, "IsSticky", "0",
                "StickyPostID", 0L, "Ranking", 0L, "CreatedTime", "2009-01-01 00:00:00");
    }

    private static Map<String, Object> post(long id, long topicId) {
        return Map.of("ID", id, "TopicID", topicId, "Body", "post " + id, "AddedTime", "2009-01-02 00:00:00",
                "EditedTime", "0000-00-00 00:00:00");
    }

    /** Forum 1 with topics 10 and 11; posts 100 and 102 in topic 10, 101 in topic 11. */
    private void site(long forumMinClassRead, Object topic10Locked) {
        source.put("forums", forum(forumMinClassRead)).put("forums_topics", topic(10, topic10Locked))
                .put("forums_topics", topic(11, "0")).put("forums_posts", post(100, 10))
                .put("forums_posts", post(101, 11)).put("forums_posts", post(102, 10));
    }

    /** The forum's MinClassRead changes, as the binlog brings it: the lookup first, then translation. */
    private RowChange forumReadBy(long before, long after) {
        RowChange change = RowChange.update("forums", forum(before), forum(after), AT);
        enrich.observe(change);
        translate.translate(change, out::add);
        return change;
    }

    private List<String> described() {
        return out.stream().map(t -> t.record().describe()).toList();
    }

    @Test
    void aChangeIsFollowedByTheRowsItsCascadesNameBreadthFirstAllAtItsPosition() {
        site(0, "0");
        RowChange change = forumReadBy(0, 800);

        assertThat(described()).containsExactly(
                "forum {forum_id=1} delete at " + AT,
                "forum_topic {forum_topic_id=10} delete at " + AT,
                "forum_topic {forum_topic_id=11} delete at " + AT,
                "forum_post {forum_post_id=100} delete at " + AT,
                "forum_post {forum_post_id=102} delete at " + AT,
                "forum_post {forum_post_id=101} delete at " + AT);
        assertThat(source.cascadesRead).containsExactly("forums_topics {ForumID=1}", "forums_posts {TopicID=10}",
                "forums_posts {TopicID=11}");
        // Each record names the row it came from: the change itself, or a row read again at its position.
        assertThat(out.get(0).change()).isSameAs(change);
        assertThat(out.subList(1, out.size())).allSatisfy(t -> {
            assertThat(t.change().op()).isEqualTo(RowOperation.READ);
            assertThat(t.change().position()).isEqualTo(AT);
        });
        assertThat(out.get(3).change().table()).isEqualTo("forums_posts");
        assertThat(out.get(3).change().after()).containsEntry("ID", 100L);
        assertThat(listener.quarantined).isEmpty();
    }

    @Test
    void aRowACascadeNamesThatCannotBeTranslatedIsQuarantinedAndTheOthersFollow() {
        site(800, "x");
        forumReadBy(800, 0);

        // Topic 10 cannot be published, so its posts are not named; topic 11 and its post are.
        assertThat(described()).containsExactly(
                "forum {forum_id=1} upsert at " + AT,
                "forum_topic {forum_topic_id=11} upsert at " + AT,
                "forum_post {forum_post_id=101} upsert at " + AT);
        assertThat(listener.quarantined).singleElement().satisfies(q -> {
            assertThat(q.table()).isEqualTo("forums_topics");
            assertThat(q.op()).isEqualTo(Quarantine.CASCADE);
            assertThat(q.key()).isEqualTo(Map.of("ID", 10L));
            assertThat(q.position()).isEqualTo(AT.toString());
            assertThat(q.kind()).isEqualTo(QuarantineRecord.TRANSLATION);
            assertThat(q.column()).isEqualTo("IsLocked");
            assertThat(q.reason()).contains("is not a 0/1 flag");
        });
    }

    @Test
    void aDefectInOneRowACascadeNamesQuarantinesThatRowAndTheWalkGoesOn() {
        site(0, "0");
        // Judging the posts of topic 10 needs topic 10, and that lookup breaks.
        source.failRow("forums_topics", 10, new IllegalStateException("broken lookup"));
        forumReadBy(0, 800);

        assertThat(described()).containsExactly(
                "forum {forum_id=1} delete at " + AT,
                "forum_topic {forum_topic_id=10} delete at " + AT,
                "forum_topic {forum_topic_id=11} delete at " + AT,
                "forum_post {forum_post_id=101} delete at " + AT);
        assertThat(listener.quarantined).extracting(QuarantineRecord::key)
                .containsExactly(Map.of("ID", 100L), Map.of("ID", 102L));
        assertThat(listener.quarantined).allSatisfy(q -> {
            assertThat(q.table()).isEqualTo("forums_posts");
            assertThat(q.op()).isEqualTo(Quarantine.CASCADE);
            assertThat(q.kind()).isEqualTo(QuarantineRecord.DEFECT);
            assertThat(q.reason()).isEqualTo("could not translate or encode: java.lang.IllegalStateException: "
                    + "broken lookup");
        });
    }

    @Test
    void rowsTheSchemaNoLongerLetsBeReadQuarantineTheCascadeAndTheChangesOwnRecordsStand() {
        site(0, "0");
        source.failCascadesTo("forums_posts", LookupFailures.schemaMismatch("forums_posts", "Body"));
        forumReadBy(0, 800);

        assertThat(described()).containsExactly(
                "forum {forum_id=1} delete at " + AT,
                "forum_topic {forum_topic_id=10} delete at " + AT,
                "forum_topic {forum_topic_id=11} delete at " + AT);
        assertThat(listener.quarantined).extracting(QuarantineRecord::key)
                .containsExactly(Map.of("TopicID", 10L), Map.of("TopicID", 11L));
        assertThat(listener.quarantined).allSatisfy(q -> {
            assertThat(q.table()).isEqualTo("forums_posts");
            assertThat(q.op()).isEqualTo(Quarantine.CASCADE);
            assertThat(q.kind()).isEqualTo(QuarantineRecord.SCHEMA);
            assertThat(q.column()).isEqualTo("Body");
            assertThat(q.reason()).startsWith("could not read the rows of forums_posts this change of forums names: ");
        });
    }

    @Test
    void aCascadeThatCannotBeReadForAnotherReasonIsQuarantinedAsADefect() {
        site(0, "0");
        source.failCascadesTo("forums_topics", new IllegalArgumentException("a cascade to forums_topics may select "
                + "only by the columns the translator may read"));
        forumReadBy(0, 800);

        assertThat(described()).containsExactly("forum {forum_id=1} delete at " + AT);
        assertThat(listener.quarantined).singleElement().satisfies(q -> {
            assertThat(q.table()).isEqualTo("forums_topics");
            assertThat(q.key()).isEqualTo(Map.of("ForumID", 1L));
            assertThat(q.kind()).isEqualTo(QuarantineRecord.DEFECT);
            assertThat(q.reason()).contains("forums_topics this change of forums names", "may select only by");
        });
    }

    @Test
    void aGazelleDatabaseThatDoesNotAnswerFailsTheBatchNamingTheChange() {
        site(0, "0");
        source.failCascadesTo("forums_topics", LookupFailures.lookupFailed("forums_topics"));

        assertThatThrownBy(() -> forumReadBy(0, 800)).isInstanceOf(PublishException.class)
                .hasMessage("could not read the Gazelle rows needed to translate forums at " + AT
                        + ": could not read forums_topics from the Gazelle database: connection reset");
        assertThat(listener.quarantined).isEmpty();
    }

    @Test
    void anUpdateOfNoColumnAMirrorSeesIsDiscarded() {
        site(0, "0");
        Map<String, Object> after = forum(0);
        after.put("NumTopics", 3L);
        RowChange change = RowChange.update("forums", forum(0), after, AT);
        translate.translate(change, out::add);

        assertThat(out).isEmpty();
        assertThat(listener.discarded).containsExactly(change);
        assertThat(source.cascadesRead).isEmpty();
    }

    @Test
    void whatTheNextStageThrowsIsNotTakenForAFailureOfTheTranslation() {
        site(0, "0");
        RowChange change = RowChange.insert("forums", forum(0), AT);

        assertThatThrownBy(() -> translate.translate(change, t -> {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(listener.quarantined).isEmpty();
    }
}
