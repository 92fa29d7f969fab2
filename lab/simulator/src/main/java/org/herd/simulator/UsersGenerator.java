package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * users_main: accounts with unique names, their secrets (password hashes, passkeys, IRC and API
 * keys, e-mail and IP addresses), classes, transfer totals and activity; sign-ups spread over the
 * site's life.
 */
final class UsersGenerator {

    private final SitePlan plan;

    UsersGenerator(SitePlan plan) {
        this.plan = plan;
    }

    void emit(RowSink sink) {
        Set<String> taken = new HashSet<>();
        for (int id = 1; id <= plan.users; id++) {
            SplittableRandom r = plan.rng(SitePlan.S_USER, id);
            String name = uniqueUsername(r, taken, id);
            long joined = plan.joinedAt(id);
            int enabledRoll = r.nextInt(100);
            String enabled = enabledRoll < 84 ? "1" : enabledRoll < 95 ? "2" : "0";
            long lastAccess = enabled.equals("1") ? SITE_END - r.nextLong(86_400L * 120) : joined + r.nextLong(86_400L * 400);
            lastAccess = Math.min(lastAccess, SITE_END);
            boolean neverLoggedIn = r.nextInt(100) < 2;
            int permission = GazelleDataGenerator.pickWeighted(r, new int[] {2, 3, 4, 5, 25, 11, 15}, new int[] {25, 35, 20, 12, 5, 2, 1});
            long downloaded = (long) (Math.pow(r.nextDouble(), 2) * 2e12);
            long uploaded = (long) (downloaded * (0.3 + 3 * r.nextDouble())) + r.nextLong(1L << 30);
            sink.row("users_main", new Object[] {
                id, name,
                emailOf(r, name),
                Words.bcrypt(r),
                Words.alnum(r, 32),
                r.nextInt(100) < 20 ? Words.alnum(r, 32) : null,
                neverLoggedIn ? ZERO_DATE : datetime(lastAccess - r.nextLong(3600)),
                neverLoggedIn ? ZERO_DATE : datetime(lastAccess),
                ipv4(r),
                permission, // Class mirrors the permission level
                uploaded, downloaded,
                r.nextInt(100) < 3 ? Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS) : "",
                enabled,
                r.nextInt(100) < 30 ? "a:2:{i:0;s:9:\"snatched+\";i:1;s:10:\"uploaded+\";}" : "a:0:{}",
                r.nextInt(100) < 98 ? "1" : "0",
                r.nextInt(100) < 70 ? 0 : r.nextInt(6),
                permission,
                r.nextInt(100) < 95 ? null : "a:1:{s:12:\"site_upload\";i:1;}",
                enabled.equals("1") && r.nextInt(100) < 98 ? 1 : 0,
                Words.alnum(r, 32),
                r.nextInt(100) < 60 ? 0.0 : Math.round(r.nextDouble() * 60) / 100.0,
                r.nextInt(100) < 60 ? 0.0 : Math.round(r.nextDouble() * 60) / 100.0,
                r.nextInt(100) < 70 ? "" : Words.pick(r, List.of("US", "GB", "DE", "FR", "NL", "SE", "CA", "AU", "JP", "BR")),
                r.nextInt(100) < 80 ? 0 : r.nextInt(20),
            });
        }
    }

    private static String uniqueUsername(SplittableRandom r, Set<String> taken, int id) {
        for (int attempt = 0; ; attempt++) {
            String base = switch (r.nextInt(4)) {
                case 0 -> Words.pick(r, Words.ADJECTIVES) + Words.pick(r, Words.NOUNS);
                case 1 -> Words.pick(r, Words.NOUNS).toLowerCase(Locale.ROOT) + r.nextInt(1000);
                case 2 -> ArtistsGenerator.asciiOnly(Words.pick(r, Words.FIRST_NAMES)).toLowerCase(Locale.ROOT) + "_"
                        + Words.pick(r, Words.PLURALS).toLowerCase(Locale.ROOT);
                default -> Words.pick(r, Words.PLURALS) + r.nextInt(100);
            };
            if (attempt >= 5) {
                base = Words.cut(base, 12) + id;
            }
            base = Words.cut(base, 20);
            if (taken.add(base.toLowerCase(Locale.ROOT))) {
                return base;
            }
        }
    }

    private static String emailOf(SplittableRandom r, String name) {
        StringBuilder local = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                local.append(c);
            }
        }
        if (r.nextInt(100) < 40) {
            local.append(r.nextInt(100));
        }
        return local + "@" + Words.pick(r, List.of("gmail.com", "hotmail.com", "yahoo.com", "gmx.de",
                "mail.ru", "outlook.com", "riseup.net", "protonmail.com", "web.de", "yandex.ru"));
    }

    static String ipv4(SplittableRandom r) {
        return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }
}
