package org.herd.sidecar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SourceConnector;
import org.junit.jupiter.api.Test;

class DdlParserWarmUpTest {

    private static final String TAGS = "CREATE TABLE `tags` (\n"
            + "  `ID` int(10) NOT NULL AUTO_INCREMENT,\n"
            + "  `Name` varchar(100) DEFAULT NULL,\n"
            + "  `TagType` enum('genre','other') NOT NULL DEFAULT 'other',\n"
            + "  PRIMARY KEY (`ID`),\n"
            + "  UNIQUE KEY `Name_2` (`Name`)\n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";
    private static final String WIKI = "CREATE TABLE `wiki_torrents` (\n"
            + "  `RevisionID` int(10) NOT NULL AUTO_INCREMENT,\n"
            + "  `PageID` int(10) NOT NULL DEFAULT 0,\n"
            + "  `Body` mediumtext DEFAULT NULL,\n"
            + "  `Time` datetime NOT NULL DEFAULT current_timestamp(),\n"
            + "  PRIMARY KEY (`RevisionID`),\n"
            + "  KEY `PageID` (`PageID`)\n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

    @Test
    void parsesTheDefinitionsWithEitherConnectorsParserAndSkipsOneThatDoesNotParse() {
        List<String> definitions = List.of(TAGS, "CREATE TABLE (this is not a definition", WIKI);
        assertThat(DdlParserWarmUp.parse(SourceConnector.MARIADB, "gazelle", definitions)).isEqualTo(2);
        assertThat(DdlParserWarmUp.parse(SourceConnector.MYSQL, "gazelle", definitions)).isEqualTo(2);
        assertThat(DdlParserWarmUp.parse(SourceConnector.MARIADB, "gazelle", List.of())).isZero();
    }

    @Test
    void aDatabaseThatCannotBeReadIsSkippedAndTheWarmUpStillEnds() throws Exception {
        DdlParserWarmUp warmUp = new DdlParserWarmUp(() -> {
            throw new SQLException("Access denied for user 'herd' using password pw-12345");
        }, "gazelle", SourceConnector.MARIADB, new SecretMasker(DebeziumConfigTest.properties(Map.of())));
        assertThat(warmUp.run()).isZero();
        assertThat(warmUp.start().get(1, TimeUnit.MINUTES)).isNull();
    }

    @Test
    void theLockIsTakenOnlyOnceTheWarmUpIsDone() throws Exception {
        CompletableFuture<Void> waitedFor = new CompletableFuture<>();
        CompletableFuture<Void> warmUp = new CompletableFuture<>() {
            @Override
            public Void get(long timeout, TimeUnit unit) throws InterruptedException,
                    java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
                waitedFor.complete(null);
                return super.get(timeout, unit);
            }
        };
        CompletableFuture<Boolean> doneWhenTaken = new CompletableFuture<>();
        var lock = DdlParserWarmUp.before(() -> doneWhenTaken.complete(warmUp.isDone()), warmUp,
                Duration.ofMinutes(1));
        Thread debezium = new Thread(lock::take, "asks-for-the-lock");
        debezium.start();
        // The warm-up ends once the ask waits for it, or at once if the lock was taken without waiting.
        CompletableFuture.anyOf(waitedFor, doneWhenTaken).get(1, TimeUnit.MINUTES);
        warmUp.complete(null);
        assertThat(doneWhenTaken.get(1, TimeUnit.MINUTES)).as("the warm-up done when the lock was taken").isTrue();
        debezium.join();
    }

    @Test
    void aWarmUpThatIsNotDoneInTimeOrFailedDoesNotKeepTheLockFromBeingTaken() {
        AtomicInteger taken = new AtomicInteger();
        DdlParserWarmUp.before(taken::incrementAndGet, new CompletableFuture<>(), Duration.ofMillis(1)).take();
        assertThat(taken).as("never done: taken after the wait").hasValue(1);
        DdlParserWarmUp.before(taken::incrementAndGet, CompletableFuture.failedFuture(new IllegalStateException("x")),
                Duration.ofMinutes(1)).take();
        assertThat(taken).as("failed: taken at once").hasValue(2);
    }
}
