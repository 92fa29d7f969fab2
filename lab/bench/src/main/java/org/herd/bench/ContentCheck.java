package org.herd.bench;

import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.herd.verify.Verification;

/**
 * A mirror compared with the origin once a phase's clock has stopped, by {@code herd verify}'s
 * comparison: every row on both sides hashed by chunks, differing chunks read row by row. A phase
 * stops its clock on equal row counts, which is cheap to poll; this says whether the content is
 * equal too. Nothing writes to the origin between the phases it follows, so it makes one pass.
 */
final class ContentCheck {

    private ContentCheck() {
    }

    static BenchReport.Comparison run(Verification.Origin origin, Verification.Connector gazelle, DataSource mirror,
            Consumer<String> say) throws SQLException, InterruptedException {
        Verification.Result r = Verification.compare(origin, gazelle, mirror::getConnection,
                Verification.Settings.SINGLE_PASS);
        long rows = r.entities().values().stream().mapToLong(Verification.EntityResult::originRows).sum();
        double seconds = r.elapsed().toMillis() / 1000.0;
        if (r.equal()) {
            say.accept(String.format(Locale.ROOT, "  content: the mirror equals the origin (%,d rows in %d entities "
                    + "compared by herd verify's comparison in %.1f s)", rows, r.entities().size(), seconds));
        } else {
            say.accept(String.format(Locale.ROOT, "  content: the mirror DIFFERS from the origin: %,d missing, %,d "
                    + "extra, %,d differing", r.lost(), r.extra(), r.differing()));
            say.accept(r.report("mirror").stripTrailing());
        }
        return new BenchReport.Comparison(r.equal() ? "equal" : "different", r.entities().size(), rows, r.lost(),
                r.extra(), r.differing(), Bench.round(seconds));
    }
}
