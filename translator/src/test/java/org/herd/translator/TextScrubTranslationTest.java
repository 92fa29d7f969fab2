package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.scrub.BuiltInRule;
import org.herd.translator.scrub.ScrubCount;
import org.herd.translator.scrub.ScrubPolicy;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

/** The scrubbing stage as the translator applies it: before every mapping, per the operator's policy. */
class TextScrubTranslationTest {

    private static final String PASSKEY = "0123456789abcdef0123456789abcdef";
    private static final String SECRETS = "[b]EAC rip[/b], announce https://tracker.example:34000/" + PASSKEY
            + "/announce\nQuestions: ripper.jane@example.com, seedbox 198.51.100.23\n"
            + "[code]C:\\Users\\janedoe\\Music\\Album\\01.flac[/code]";
    private static final String SCRUBBED = "[b]EAC rip[/b], announce https://tracker.example:34000/[passkey]"
            + "/announce\nQuestions: [email], seedbox [ip]\n"
            + "[code]C:\\Users\\[user]\\Music\\Album\\01.flac[/code]";
    private static final String[] PLANTED = {PASSKEY, "ripper.jane", "198.51.100.23", "janedoe"};

    private static Translator translator(GazelleVariant variant, ScrubPolicy policy) {
        return new Translator(new TranslatorSettings("site-1", variant).withScrub(policy));
    }

    private static List<ScrubCount> counts(String table, String column, Object... rulesAndCounts) {
        List<ScrubCount> counts = new ArrayList<>();
        for (int i = 0; i < rulesAndCounts.length; i += 2) {
            counts.add(new ScrubCount(table, column, (String) rulesAndCounts[i], (Integer) rulesAndCounts[i + 1]));
        }
        return counts;
    }

    private static void assertCarriesNoPlantedSecret(NeutralRecord record) {
        String wire = new String(WireFormat.encode(record), StandardCharsets.UTF_8);
        // JSON writes a backslash doubled; the user name is what must not be there in any form.
        assertThat(wire).doesNotContain(PLANTED);
    }

    @Test
    void aWhatcdTorrentsDescriptionIsScrubbedWithCountsPerRule() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("Description", SECRETS);
        Translation t = translator(GazelleVariant.WHATCD, ScrubPolicy.defaults())
                .translate(RowChange.insert("torrents", row, POS), OriginLookup.NONE);
        NeutralRecord release = t.records().get(0);
        assertThat(release.payload()).containsEntry("description", SCRUBBED)
                // Not free text: names and file lists are published as stored.
                .containsEntry("remaster_title", "Deluxe Edition");
        assertThat(t.scrubbed()).containsExactlyElementsOf(counts("torrents", "Description",
                "announce-url", 1, "email", 1, "ipv4", 1, "home-directory", 1));
        assertCarriesNoPlantedSecret(release);
        assertThat(t.toString()).doesNotContain(PLANTED);
    }

    @Test
    void anOpsTorrentsDescriptionIsScrubbedTheSameWay() {
        Map<String, Object> row = OpsRows.torrent();
        row.put("Description", SECRETS);
        Translation t = translator(GazelleVariant.OPS, ScrubPolicy.defaults())
                .translate(RowChange.read("torrents", row, POS), OriginLookup.NONE);
        assertThat(t.records().get(0).payload()).containsEntry("description", SCRUBBED);
        assertThat(t.scrubbed()).containsExactlyElementsOf(counts("torrents", "Description",
                "announce-url", 1, "email", 1, "ipv4", 1, "home-directory", 1));
        assertCarriesNoPlantedSecret(t.records().get(0));
    }

    @Test
    void aWhatcdRipLogLosesItsHomeDirectoryAndSaysSo() {
        Map<String, Object> row = GazelleRows.ripLog();
        String log = "Exact Audio Copy V1.0 beta 3 from 29. August 2011\r\n\r\nTrack  1\r\n\r\n"
                + "     Filename C:\\Users\\janedoe\\Music\\Album\\01 - Intro.wav\r\n\r\n"
                + "     Peak level 98.0 %\r\n     Copy CRC 1A2B3C4D\r\n"
                + "     Accurately ripped (confidence 5)  [ABCD1234]  (AR v2)\r\n\r\n"
                + "==== Log checksum 7F8E9D0C1B2A39485766F5E4D3C2B1A07F8E9D0C1B2A39485766F5E4D3C2B1A0 ====\r\n";
        row.put("Log", log);
        Translation t = translator(GazelleVariant.WHATCD, ScrubPolicy.defaults())
                .translate(RowChange.read("torrents_logs_new", row, POS), OriginLookup.NONE);
        Map<String, Object> payload = t.records().get(0).payload();
        assertThat(payload).containsEntry("log", log.replace("\\janedoe\\", "\\[user]\\"))
                .containsEntry("scrubbed", true)
                // The checker's verdict on the log as uploaded stays.
                .containsEntry("score", 60L)
                .containsEntry("details", "Could not verify gap handling (-10 points)\nRange rip detected (-30 points)");
        assertThat(t.scrubbed()).containsExactly(new ScrubCount("torrents_logs_new", "Log", "home-directory", 1));
        assertCarriesNoPlantedSecret(t.records().get(0));
    }

    @Test
    void aRipLogWithNothingToScrubIsPublishedAsUploadedAndSaysSo() {
        Translation t = translator(GazelleVariant.WHATCD, ScrubPolicy.defaults())
                .translate(RowChange.read("torrents_logs_new", GazelleRows.ripLog(), POS), OriginLookup.NONE);
        assertThat(t.records().get(0).payload()).containsEntry("log", GazelleRows.ripLog().get("Log"))
                .containsEntry("scrubbed", false);
        assertThat(t.scrubbed()).isEmpty();
    }

    @Test
    void opsHasNoRipLogTableToTranslate() {
        // Herd's OPS catalogue does not hold OPS's torrents_logs (its DDL is not in schema-gazelle yet):
        // nothing of it is captured or published, so there is no log to scrub on an OPS origin.
        Translator ops = translator(GazelleVariant.OPS, ScrubPolicy.defaults());
        assertThat(ops.translates("torrents_logs")).isFalse();
        assertThat(ops.translates("torrents_logs_new")).isFalse();
        assertThat(GazelleCatalogue.of(GazelleVariant.OPS).table("torrents_logs")).isEmpty();
    }

    @Test
    void keepPublishesTheColumnAsStoredAndCountsNothing() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("Description", SECRETS);
        Map<String, Object> log = GazelleRows.ripLog();
        log.put("Log", "Filename C:\\Users\\janedoe\\Music\\01.wav");
        Translator keep = translator(GazelleVariant.WHATCD, ScrubPolicy.builder().keep("torrents", "Description")
                .keep("torrents_logs_new", "Log").build());
        Translation release = keep.translate(RowChange.read("torrents", row, POS), OriginLookup.NONE);
        assertThat(release.records().get(0).payload()).containsEntry("description", SECRETS);
        assertThat(release.scrubbed()).isEmpty();
        Translation ripLog = keep.translate(RowChange.read("torrents_logs_new", log, POS), OriginLookup.NONE);
        assertThat(ripLog.records().get(0).payload()).containsEntry("log", "Filename C:\\Users\\janedoe\\Music\\01.wav")
                .containsEntry("scrubbed", false);
    }

    @Test
    void dropPublishesNullAndCountsTheDroppedValue() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("Description", SECRETS);
        Translator drop = translator(GazelleVariant.WHATCD, ScrubPolicy.builder().drop("torrents", "Description")
                .drop("torrents_logs_new", "Log").build());
        Translation release = drop.translate(RowChange.read("torrents", row, POS), OriginLookup.NONE);
        assertThat(release.records().get(0).payload()).containsEntry("description", null);
        assertThat(release.scrubbed()).containsExactly(new ScrubCount("torrents", "Description", "dropped", 1));
        assertCarriesNoPlantedSecret(release.records().get(0));

        Translation ripLog = drop.translate(RowChange.read("torrents_logs_new", GazelleRows.ripLog(), POS),
                OriginLookup.NONE);
        assertThat(ripLog.records().get(0).payload()).containsEntry("log", null).containsEntry("scrubbed", true)
                // Only the column named is dropped; Details is scrubbed as usual.
                .containsEntry("details", "Could not verify gap handling (-10 points)\nRange rip detected (-30 points)");

        // An empty value is null anyway: nothing withheld, nothing counted.
        Map<String, Object> empty = GazelleRows.ripLog();
        empty.put("Log", "");
        Translation none = drop.translate(RowChange.read("torrents_logs_new", empty, POS), OriginLookup.NONE);
        assertThat(none.records().get(0).payload()).containsEntry("log", null).containsEntry("scrubbed", false);
        assertThat(none.scrubbed()).isEmpty();
    }

    @Test
    void rulesSwitchedOffLeaveTheirFindings() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("Description", SECRETS);
        Translator noEmail = translator(GazelleVariant.WHATCD, ScrubPolicy.builder().disable(BuiltInRule.EMAIL).build());
        Translation t = noEmail.translate(RowChange.read("torrents", row, POS), OriginLookup.NONE);
        assertThat((String) t.records().get(0).payload().get("description")).contains("ripper.jane@example.com")
                .doesNotContain(PASSKEY, "janedoe");
    }

    @Test
    void everyEntityBuiltFromFreeTextIsScrubbed() {
        Translator translator = translator(GazelleVariant.WHATCD, ScrubPolicy.defaults());
        Map<String, Object> group = GazelleRows.group();
        group.put("WikiBody", SECRETS);
        assertThat(translator.translate(RowChange.read("torrents_group", group, POS)).get(0).payload())
                .containsEntry("wiki_body", SCRUBBED).containsEntry("name", "Selected Ambient Works");

        Map<String, Object> wiki = new LinkedHashMap<>(Map.of("RevisionID", 5, "PageID", 77, "Body", SECRETS,
                "UserID", 4242, "Summary", "fixed links, ask jane@example.com", "Image", "",
                "Time", LocalDateTime.of(2012, 1, 1, 0, 0)));
        Translation revision = translator.translate(RowChange.read("wiki_torrents", wiki, POS), OriginLookup.NONE);
        assertThat(revision.records().get(0).payload()).containsEntry("body", SCRUBBED)
                .containsEntry("summary", "fixed links, ask [email]");
        assertThat(revision.scrubbed()).extracting(ScrubCount::column, ScrubCount::rule).contains(
                org.assertj.core.groups.Tuple.tuple("Body", "email"), org.assertj.core.groups.Tuple.tuple("Summary", "email"));

        Map<String, Object> comment = new LinkedHashMap<>(Map.of("ID", 1, "Page", "artist", "PageID", 3, "AuthorID", 9,
                "AddedTime", "2012-06-07 08:09:10", "Body", SECRETS, "EditedUserID", 8));
        comment.put("EditedTime", null);
        assertThat(translator.translate(RowChange.read("comments", comment, POS)).get(0).payload())
                .containsEntry("body", SCRUBBED);
    }

    @Test
    void aCascadedRowAndAnUpdateAreScrubbedToo() {
        Translator translator = translator(GazelleVariant.WHATCD, ScrubPolicy.defaults());
        OriginRows origin = new OriginRows();
        Map<String, Object> collage = new LinkedHashMap<>(Map.of("ID", 31, "Name", "Krautrock", "Description", SECRETS,
                "UserID", 4242, "NumTorrents", 2, "Deleted", "0", "Locked", "0", "CategoryID", 2, "TagList", "",
                "MaxGroups", 0));
        collage.putAll(Map.of("MaxGroupsPerUser", 0, "Featured", 0, "Subscribers", 0,
                "updated", LocalDateTime.of(2014, 3, 2, 1, 0)));
        Translation cascaded = translator.translateCascaded(RowChange.read("collages", collage, POS),
                new Cascade("collages", Map.of("ID", 31)), origin);
        assertThat(cascaded.records().get(0).payload()).containsEntry("description", SCRUBBED);
        assertThat(cascaded.scrubbed()).hasSize(4);

        Map<String, Object> before = GazelleRows.torrent();
        Map<String, Object> after = GazelleRows.torrent();
        after.put("Description", SECRETS);
        Translation update = translator.translate(RowChange.update("torrents", before, after, POS), origin);
        assertThat(update.records()).singleElement().satisfies(r -> {
            assertThat(r.payload()).containsEntry("description", SCRUBBED);
            assertCarriesNoPlantedSecret(r);
        });
        assertThat(update.scrubbed()).hasSize(4);

        // A delete carries the key only, and nothing is counted for it.
        Translation delete = translator.translate(RowChange.delete("torrents", after, POS), origin);
        assertThat(delete.records()).singleElement().satisfies(r -> assertThat(r.payload()).isEmpty());
        assertThat(delete.scrubbed()).isEmpty();
    }

    @Test
    void aRowThatFailsNamesTheColumnButNeverQuotesASecret() {
        Map<String, Object> row = GazelleRows.torrent();
        row.put("Description", SECRETS + " \uD800 stray surrogate");
        assertThatThrownBy(() -> translator(GazelleVariant.WHATCD, ScrubPolicy.defaults())
                .translate(RowChange.read("torrents", row, POS), OriginLookup.NONE))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("torrents {ID=1201} column Description: text holds an unpaired UTF-16 surrogate")
                .hasMessageNotContaining(PASSKEY).hasMessageNotContaining("ripper.jane")
                .hasMessageNotContaining("198.51.100.23").hasMessageNotContaining("janedoe");
        Map<String, Object> badCode = GazelleRows.torrent();
        badCode.put("Description", SECRETS);
        badCode.put("FreeTorrent", "7");
        assertThatThrownBy(() -> translator(GazelleVariant.WHATCD, ScrubPolicy.defaults())
                .translate(RowChange.read("torrents", badCode, POS), OriginLookup.NONE))
                .hasMessageContaining("column FreeTorrent").hasMessageNotContaining("janedoe")
                .hasMessageNotContaining(PASSKEY);
    }

    @Test
    void privateColumnsStayPrivateWhateverTheTextPolicy() {
        Map<String, Object> row = GazelleRows.ripLog();
        Translator keepAll = translator(GazelleVariant.WHATCD, ScrubPolicy.builder().keep("torrents_logs_new", "Log")
                .keep("torrents_logs_new", "Details").build());
        NeutralRecord r = keepAll.translate(RowChange.read("torrents_logs_new", row, POS)).get(0);
        String wire = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
        // AdjustmentReason holds a passkey and is private: no text policy publishes it.
        assertThat(wire).doesNotContain(GazelleRows.PASSKEY, "staffer", "4242");
    }

    @Test
    void aPolicyNamingAColumnTheVariantDoesNotScrubIsRefused() {
        assertThatThrownBy(() -> translator(GazelleVariant.WHATCD, ScrubPolicy.builder().keep("torrents", "FileList")
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text scrub policy names torrents.FileList, which is not a free-text column of "
                        + "the WHATCD catalogue");
        // OPS spells wiki_artists.summary in lower case; WhatCD does not.
        assertThatThrownBy(() -> translator(GazelleVariant.WHATCD, ScrubPolicy.builder().keep("wiki_artists", "summary")
                .build())).hasMessageContaining("wiki_artists.summary");
        assertThat(translator(GazelleVariant.OPS, ScrubPolicy.builder().drop("wiki_artists", "summary").build()))
                .isNotNull();
        assertThatThrownBy(() -> translator(GazelleVariant.OPS, ScrubPolicy.builder().keep("torrents_logs_new", "Log")
                .build())).hasMessageContaining("not a free-text column of the OPS catalogue");
    }

    /** What makes drop safe: every field a free-text column fills may be null. */
    @Test
    void everyFieldFilledFromFreeTextMayBeNull() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            Translator translator = translator(variant, ScrubPolicy.defaults());
            GazelleCatalogue.of(variant).freeTextColumns().forEach((table, columns) -> {
                EntityType entity = translator.mapping(table).orElseThrow().entity();
                for (ColumnDef c : columns) {
                    List<Field> filled = entity.fields().stream()
                            .filter(f -> f.source().equalsIgnoreCase(table + "." + c.name())).toList();
                    assertThat(filled).as("%s %s.%s", variant, table, c.name()).isNotEmpty()
                            .allSatisfy(f -> assertThat(f.nullable()).as(f.name()).isTrue());
                }
            });
        }
        assertThat(NeutralSchema.RELEASE_LOG.fields()).extracting(Field::name).endsWith("not_english", "scrubbed");
    }
}
