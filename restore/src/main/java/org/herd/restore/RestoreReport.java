package org.herd.restore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * What a restore wrote.
 *
 * @param origin         the origin restored
 * @param variant        the schema it was restored into
 * @param entityRows     per entity, the mirror's live rows read
 * @param tableRows      per Gazelle table, rows written
 * @param accounts       per kind, the placeholder accounts created
 * @param skipped        rows of the mirror that could not be written, counted
 * @param skippedReasons the first of them, with the reason
 * @param elapsed        how long the restore took
 * @param admin          the administrator created, with its one-time password, if asked for
 */
public record RestoreReport(String origin, GazelleVariant variant, Map<String, Long> entityRows,
        Map<String, Long> tableRows, Map<UserPlan.Kind, Long> accounts, long skipped, List<String> skippedReasons,
        Duration elapsed, Optional<AdminAccount.Created> admin) {

    public RestoreReport {
        entityRows = Map.copyOf(entityRows);
        tableRows = Map.copyOf(tableRows);
        accounts = Map.copyOf(accounts);
        skippedReasons = List.copyOf(skippedReasons);
    }

    public long rows(String table) {
        return tableRows.getOrDefault(table, 0L);
    }

    /** For people: rows per table, accounts, skipped rows. Never the administrator's password. */
    public String describe(List<String> tableOrder) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Restored origin '%s' into the %s schema in %.1f s:%n", origin, variant,
                elapsed.toMillis() / 1000.0));
        for (String table : tableOrder) {
            if (tableRows.containsKey(table)) {
                b.append(String.format("  %-24s %10d rows%n", table, tableRows.get(table)));
            }
        }
        b.append(String.format("  accounts: %d published users, %d pseudonymous authors, %d voters (placeholders: "
                + "disabled, no e-mail, password or passkey)%n", accounts.getOrDefault(UserPlan.Kind.PUBLIC_USER, 0L),
                accounts.getOrDefault(UserPlan.Kind.PSEUDONYMOUS_AUTHOR, 0L),
                accounts.getOrDefault(UserPlan.Kind.VOTER, 0L)));
        if (skipped > 0) {
            b.append("  ").append(skipped).append(" rows of the mirror could not be written:\n");
            skippedReasons.forEach(r -> b.append("    ").append(r).append('\n'));
            if (skipped > skippedReasons.size()) {
                b.append("    ... and ").append(skipped - skippedReasons.size()).append(" more\n");
            }
        }
        return b.toString();
    }
}
