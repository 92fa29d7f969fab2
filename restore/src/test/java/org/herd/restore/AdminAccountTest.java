package org.herd.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.Test;

class AdminAccountTest {

    @Test
    void theBcryptUsedReadsPhpsHashes() {
        // The example of PHP's password_verify documentation: PHP's $2y$ and this bcrypt agree.
        assertThat(OpenBSDBCrypt.checkPassword("$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a",
                "rasmuslerdorf".toCharArray())).isTrue();
    }

    @Test
    void whatcdHashesThePasswordAndOpsItsSha256() {
        SecureRandom random = new SecureRandom();
        String whatcd = AdminAccount.passwordHash(GazelleVariant.WHATCD, "correct horse", random);
        String ops = AdminAccount.passwordHash(GazelleVariant.OPS, "correct horse", random);

        assertThat(whatcd).startsWith("$2y$10$").hasSize(60);
        assertThat(OpenBSDBCrypt.checkPassword(whatcd, "correct horse".toCharArray())).isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(ops, AdminAccount.sha256Hex("correct horse").toCharArray())).isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(ops, "correct horse".toCharArray())).isFalse();
        assertThat(AdminAccount.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void thePasswordIsNeverInTheRecordsText() {
        assertThat(new AdminAccount.Created(3, "root", "s3cretpassw0rd").toString()).doesNotContain("s3cret");
    }
}
