package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

/** The user policy and the info_hash opt-in, as the translator applies them. */
class UserPolicyTranslationTest {

    private static final byte[] KEY = "an origin secret of thirty-two+ bytes".getBytes(StandardCharsets.UTF_8);

    private static Translator translator(UserReferences users, boolean infoHash) {
        return new Translator(new TranslatorSettings("site", GazelleVariant.WHATCD, users, infoHash));
    }

    private static Map<String, Object> user() {
        Map<String, Object> u = new HashMap<>();
        u.put("ID", 4242L);
        u.put("Username", "CanaryUserName");
        u.put("Email", "someone@example.org");
        u.put("PassHash", "$2y$10$abcdefghijklmnopqrstuv");
        return u;
    }

    @Test
    void usersArePublishedOnlyUnderThePublicPolicyAndOnlyIdAndName() {
        Translator publicUsers = translator(UserReferences.publicIds(), false);

        List<NeutralRecord> out = publicUsers.translate(RowChange.insert("users_main", user(), POS));

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.entity()).isEqualTo("user");
            assertThat(r.key()).containsExactly(Map.entry("user_ref", "4242"));
            assertThat(r.payload()).containsExactly(Map.entry("username", "CanaryUserName"));
        });
        assertThat(publicUsers.capturedColumns()).containsEntry("users_main", List.of("ID", "Username"));
    }

    @Test
    void underTheOtherPoliciesUsersMainIsNeitherCapturedNorTranslated() {
        for (UserReferences users : List.of(UserReferences.none(), UserReferences.pseudonymous(KEY))) {
            Translator t = translator(users, false);
            assertThat(t.capturedColumns()).as(users.toString()).doesNotContainKey("users_main");
            assertThat(t.translate(RowChange.insert("users_main", user(), POS))).as(users.toString()).isEmpty();
        }
    }

    @Test
    void aTransferTotalsFlushPublishesNothingEvenForPublicUsers() {
        Map<String, Object> before = user();
        before.put("Uploaded", 1000L);
        Map<String, Object> after = user();
        after.put("Uploaded", 2000L);

        assertThat(translator(UserReferences.publicIds(), false)
                .translate(RowChange.update("users_main", before, after, POS))).isEmpty();
    }

    @Test
    void infoHashLeavesOnlyWhenTheOperatorOptsIn() {
        Map<String, Object> torrent = GazelleRows.torrent();

        NeutralRecord without = translator(UserReferences.none(), false)
                .translate(RowChange.insert("torrents", torrent, POS)).get(0);
        NeutralRecord with = translator(UserReferences.none(), true)
                .translate(RowChange.insert("torrents", torrent, POS)).get(0);

        assertThat(without.payload()).containsEntry("info_hash", null);
        assertThat(with.payload()).containsEntry("info_hash", "0102030405060708090a0b0c0d0e0f1011121314");
        assertThat(translator(UserReferences.none(), false).capturedColumns().get("torrents")).doesNotContain("info_hash");
        assertThat(translator(UserReferences.none(), true).capturedColumns().get("torrents")).contains("info_hash");
    }

    @Test
    void aPersonalCollageNamedAfterItsOwnerLeavesOnlyWhenUserNamesArePublic() {
        Map<String, Object> personal = new HashMap<>();
        personal.put("ID", 7L);
        personal.put("Name", "alice's personal collage");
        personal.put("Description", "");
        personal.put("UserID", 4242L);
        personal.put("Deleted", "0");
        personal.put("Locked", "0");
        personal.put("CategoryID", 0L);
        personal.put("TagList", "");
        personal.put("MaxGroups", 0L);
        personal.put("MaxGroupsPerUser", 0L);
        personal.put("updated", "2014-03-02 01:00:00");

        for (UserReferences users : List.of(UserReferences.none(), UserReferences.pseudonymous(KEY))) {
            assertThat(translator(users, false).translate(RowChange.read("collages", personal, POS)))
                    .as(users.toString()).isEmpty();
        }
        assertThat(translator(UserReferences.publicIds(), false).translate(RowChange.read("collages", personal, POS)))
                .singleElement().satisfies(r -> assertThat(r.payload()).containsEntry("owner", "4242")
                        .containsEntry("name", "alice's personal collage"));
        Map<String, Object> theme = new HashMap<>(personal);
        theme.put("CategoryID", 1L);
        assertThat(translator(UserReferences.pseudonymous(KEY), false).translate(RowChange.read("collages", theme, POS)))
                .hasSize(1);
    }
}
