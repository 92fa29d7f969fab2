package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserReferencesTest {

    private static final byte[] KEY = "an origin secret of thirty-two+ bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void pseudonymsAreStableAndReadLikeBase32() {
        UserReferences users = UserReferences.pseudonymous(KEY);
        String p = users.reference("site", 4242);

        assertThat(p).matches("[a-z2-7]{26}").isEqualTo(UserReferences.pseudonymous(KEY.clone()).reference("site", 4242));
        assertThat(p).doesNotContain("4242");
    }

    @Test
    void pseudonymsDependOnUserOriginAndKey() {
        String p = UserReferences.pseudonymous(KEY).reference("site", 4242);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;

        assertThat(UserReferences.pseudonymous(KEY).reference("site", 4243)).isNotEqualTo(p);
        assertThat(UserReferences.pseudonymous(KEY).reference("other-site", 4242)).isNotEqualTo(p);
        assertThat(UserReferences.pseudonymous(otherKey).reference("site", 4242)).isNotEqualTo(p);
    }

    @Test
    void theOtherPoliciesAndGazellesNobody() {
        assertThat(UserReferences.none().reference("site", 4242)).isNull();
        assertThat(UserReferences.publicIds().reference("site", 4242)).isEqualTo("4242");
        assertThat(UserReferences.publicIds().reference("site", 0)).isNull();
        assertThat(UserReferences.pseudonymous(KEY).reference("site", 0)).isNull();
    }

    @Test
    void aShortKeyIsRefusedAndNoKeyIsEverShown() {
        assertThatThrownBy(() -> UserReferences.pseudonymous("short".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the pseudonym key must have at least 32 bytes, it has 5");
        assertThatThrownBy(() -> UserReferences.pseudonymous(null)).hasMessageContaining("it has 0");

        assertThat(UserReferences.pseudonymous(KEY).toString()).isEqualTo("UserReferences[pseudonymous, key=****]")
                .doesNotContain("secret");
        assertThat(new TranslatorSettings("site", org.herd.gazelle.catalogue.GazelleVariant.WHATCD,
                UserReferences.pseudonymous(KEY), false).toString()).doesNotContain("secret");
    }

    @Test
    void carriedPseudonymsAreKeptForTheirUsersAndEveryoneElseGetsTheNewKeys() {
        String old = UserReferences.pseudonymous(KEY).reference("old-site", 77);
        UserReferences rebuilt = UserReferences.pseudonymous(KEY).withCarried(java.util.Map.of(3L, old));

        assertThat(rebuilt.reference("site", 3)).isEqualTo(old);
        assertThat(rebuilt.reference("site", 4)).isEqualTo(UserReferences.pseudonymous(KEY).reference("site", 4));
        assertThat(rebuilt.reference("site", 0)).isNull();
        assertThat(rebuilt.carriedCount()).isEqualTo(1);
        assertThat(rebuilt.toString()).isEqualTo("UserReferences[pseudonymous, key=****, 1 carried]");
    }

    @Test
    void onlyPseudonymsCanBeCarriedAndOnlyUnderThePseudonymousPolicy() {
        assertThatThrownBy(() -> UserReferences.pseudonymous(KEY).withCarried(java.util.Map.of(3L, "alice")))
                .hasMessage("the carried reference of user 3 is not a pseudonym (26 characters a-z, 2-7)")
                .message().doesNotContain("alice");
        assertThatThrownBy(() -> UserReferences.publicIds().withCarried(java.util.Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not to public");
        assertThatThrownBy(() -> UserReferences.none().withCarried(java.util.Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
