package org.herd.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserPlanTest {

    private static final String P1 = "abcdefghijklmnopqrstuvwxyz";
    private static final String P2 = "zzzzzzzzzzzzzzzzzzzzzz2345";

    @Test
    void publishedIdsAreKeptPseudonymsFollowThemAndVotersComeLast() {
        UserPlan plan = UserPlan.builder().reference(P2).reference("40").reference(P1).reference(null)
                .publicUser("40", "alice").publicUser("7", "bob").votes(2).votes(1).build();

        assertThat(plan.id("40")).isEqualTo(40);
        assertThat(plan.id("7")).isEqualTo(7);
        assertThat(plan.id(P1)).isEqualTo(41);
        assertThat(plan.id(P2)).isEqualTo(42);
        assertThat(plan.id(null)).isZero();
        assertThat(plan.voter(1)).isEqualTo(43);
        assertThat(plan.voter(2)).isEqualTo(44);
        assertThat(plan.accounts()).extracting(UserPlan.Account::username)
                .containsExactly("bob", "alice", "abcdefghijklmnopqrst", "zzzzzzzzzzzzzzzzzzzz", "herd_voter_1",
                        "herd_voter_2");
        assertThat(plan.accounts()).filteredOn(a -> a.carried() != null).extracting(UserPlan.Account::carried)
                .containsExactly(P1, P2);
        assertThat(plan.count(UserPlan.Kind.PSEUDONYMOUS_AUTHOR)).isEqualTo(2);
    }

    @Test
    void aReferenceThatIsNeitherIsRefusedAndNamesCollideClearly() {
        assertThatThrownBy(() -> UserPlan.builder().reference("alice").build())
                .hasMessage("user reference 'alice' is neither a user id nor a pseudonym");
        assertThatThrownBy(() -> UserPlan.builder().publicUser("3", "Herd_Voter_1").votes(1).build())
                .hasMessageContaining("would both be named");
        assertThatThrownBy(() -> UserPlan.builder().build().id(P1)).hasMessageContaining("was not seen");
    }

    @Test
    void aPublicUserWithoutANameGetsOne() {
        assertThat(UserPlan.builder().reference("12").build().accounts().get(0).username()).isEqualTo("user_12");
    }
}
