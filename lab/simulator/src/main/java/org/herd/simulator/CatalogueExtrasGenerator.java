package org.herd.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rows for the tables around the catalogue's core: profiles and sessions (users_info,
 * users_sessions), rip logs (torrents_logs_new), similar artists (artists_similar_scores,
 * artists_similar, artists_similar_votes), album votes (torrents_votes, users_votes) and the search
 * index's delta queue (sphinx_delta).
 *
 * <p>The core generator hands every row it makes through {@link Run}, which passes it on and reads
 * what these tables copy or follow from it: a profile and sessions for every user as the user is
 * written, a log for every torrent that has one, the recent torrents the delta queue holds. The
 * rest is written after the core tables. Like the core generator, every row draws from its own
 * random stream keyed by (seed, what, id), with salts of its own.
 *
 * <p>Counts are planned up front as the core's are: from the site's plan, and for logs and the
 * delta queue from the torrents' plan ({@link TorrentsGenerator#withLog},
 * {@link TorrentsGenerator#ofGroupsAbove}).
 */
final class CatalogueExtrasGenerator {

    /** Load order, after the core tables. */
    static final List<String> TABLES = List.of(
            "users_info", "users_sessions", "torrents_logs_new", "artists_similar_scores", "artists_similar",
            "artists_similar_votes", "torrents_votes", "users_votes", "sphinx_delta");

    private static final String ZERO_DATE = GazelleDataGenerator.ZERO_DATE;
    private static final long DAY = 86_400L;

    private static final long S_PROFILE = 101;
    private static final long S_SESSIONS = 102;
    private static final long S_LOG = 103;
    private static final long S_SIMILAR = 104;
    private static final long S_SIMILAR_VOTES = 105;
    private static final long S_ALBUM_VOTES = 106;
    private static final long S_ALBUM_VOTERS = 107;
    private static final long S_SEARCH = 108;

    private static final List<String> COLUMNS_USERS = GazelleDataGenerator.columns("users_main");
    private static final List<String> COLUMNS_TORRENTS = GazelleDataGenerator.columns("torrents");
    private static final List<String> COLUMNS_GROUPS = GazelleDataGenerator.columns("torrents_group");
    private static final int T_ID = COLUMNS_TORRENTS.indexOf("ID");
    private static final int T_GROUP = COLUMNS_TORRENTS.indexOf("GroupID");
    private static final int T_HAS_LOG = COLUMNS_TORRENTS.indexOf("HasLog");
    private static final int T_LOG_SCORE = COLUMNS_TORRENTS.indexOf("LogScore");
    private static final int T_FILE_LIST = COLUMNS_TORRENTS.indexOf("FileList");
    private static final int T_TIME = COLUMNS_TORRENTS.indexOf("Time");
    private static final int G_TAG_LIST = COLUMNS_GROUPS.indexOf("TagList");
    private static final int U_LAST_ACCESS = COLUMNS_USERS.indexOf("LastAccess");
    private static final int U_ENABLED = COLUMNS_USERS.indexOf("Enabled");

    private final SitePlan plan;
    private final ReleaseGroupsGenerator groups;
    private final long seed;
    /** Groups with ids above this are the newest, whose torrents the delta queue holds. */
    private final int recentGroupsFrom;
    private final int[] sessionsPerUser;
    private final int[] similarA;
    private final int[] similarB;
    private final GeneratedCounts planned;

    CatalogueExtrasGenerator(SitePlan plan, ReleaseGroupsGenerator groups, TorrentsGenerator torrents) {
        this.plan = plan;
        this.groups = groups;
        this.seed = plan.seed;
        recentGroupsFrom = plan.groups - Math.max(4, plan.groups / 500);

        sessionsPerUser = new int[plan.users];
        long sessions = 0;
        for (int u = 0; u < plan.users; u++) {
            sessionsPerUser[u] = sessionCount(rng(S_SESSIONS, u + 1));
            sessions += sessionsPerUser[u];
        }

        // A similarity joins two different artists, each pair once; popular artists get most.
        int similarities = Math.max(3, plan.artists * 3 / 10);
        similarA = new int[similarities];
        similarB = new int[similarities];
        Set<Long> pairs = new HashSet<>();
        long similarVotes = 0;
        for (int s = 0; s < similarities; s++) {
            SplittableRandom r = rng(S_SIMILAR, s + 1);
            int a;
            int b;
            do {
                a = 1 + (int) (plan.artists * Math.pow(r.nextDouble(), 2));
                b = 1 + r.nextInt(plan.artists);
            } while (a == b || !pairs.add((long) Math.min(a, b) * plan.artists + Math.max(a, b)));
            similarA[s] = a;
            similarB[s] = b;
            similarVotes += 1 + similarVoters(rng(S_SIMILAR_VOTES, s + 1));
        }

        long votedGroups = 0;
        long albumVotes = 0;
        for (int g = 0; g < plan.groups; g++) {
            int[] votes = albumVotes(g + 1);
            if (votes[1] > 0) {
                votedGroups++;
                albumVotes += votes[1];
            }
        }

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users_info", (long) plan.users);
        counts.put("users_sessions", sessions);
        counts.put("torrents_logs_new", torrents.withLog());
        counts.put("artists_similar_scores", (long) similarities);
        counts.put("artists_similar", 2L * similarities);
        counts.put("artists_similar_votes", similarVotes);
        counts.put("torrents_votes", votedGroups);
        counts.put("users_votes", albumVotes);
        counts.put("sphinx_delta", torrents.ofGroupsAbove(recentGroupsFrom));
        planned = new GeneratedCounts(counts);
    }

    GeneratedCounts plannedCounts() {
        return planned;
    }

    /** One generation: passes the core's rows on to {@code target} and adds these tables' rows. */
    Run run(RowSink target) {
        return new Run(target);
    }

    /** The sink the core generator writes through during one generation. */
    final class Run implements RowSink {

        private final RowSink target;
        private final String[] artistNames = new String[plan.artists];
        private final String[] recentTagLists = new String[plan.groups - recentGroupsFrom];
        private final List<Object[]> recentTorrents = new ArrayList<>();
        private int logId;

        private Run(RowSink target) {
            this.target = target;
        }

        @Override
        public void row(String table, Object[] values) {
            target.row(table, values);
            switch (table) {
                case "users_main" -> emitUser(target, values);
                case "artists_group" -> artistNames[(Integer) values[0] - 1] = (String) values[1];
                case "torrents_group" -> {
                    int id = (Integer) values[0];
                    if (id > recentGroupsFrom) {
                        recentTagLists[id - recentGroupsFrom - 1] = (String) values[G_TAG_LIST];
                    }
                }
                case "torrents" -> {
                    if ("1".equals(values[T_HAS_LOG])) {
                        emitLog(target, ++logId, values);
                    }
                    if ((Integer) values[T_GROUP] > recentGroupsFrom) {
                        recentTorrents.add(values);
                    }
                }
                default -> {
                }
            }
        }

        /** Writes the tables that follow the core ones. */
        void finish() {
            emitSimilarArtists(target);
            int[] votedScore = emitAlbumVotes(target);
            emitSearchQueue(target, artistNames, recentTagLists, recentTorrents, votedScore);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // users_info, users_sessions

    private void emitUser(RowSink sink, Object[] user) {
        int id = (Integer) user[0];
        SplittableRandom r = rng(S_PROFILE, id);
        long joined = plan.joinedAt(id);
        String lastAccess = (String) user[U_LAST_ACCESS];
        boolean enabled = "1".equals(user[U_ENABLED]);
        boolean disabled = "2".equals(user[U_ENABLED]);
        boolean warned = r.nextInt(100) < 3;
        boolean donor = r.nextInt(100) < 4;
        long banned = disabled ? Math.min(GazelleDataGenerator.SITE_END, joined + DAY + r.nextLong(DAY * 900)) : 0;
        boolean resetPending = r.nextInt(100) < 2;
        sink.row("users_info", new Object[] {
            id,
            GazelleDataGenerator.pickWeighted(r, new int[] {21, 9, 2}, new int[] {70, 20, 10}),
            r.nextInt(100) < 3 ? "https://" + Words.token(r, 6).toLowerCase(Locale.ROOT) + ".neocities.org/what.css"
                    : null,
            r.nextInt(100) < 40 ? "" : profileText(r),
            r.nextInt(100) < 45 ? "" : avatar(r),
            adminComment(r, joined, disabled, warned),
            r.nextInt(100) < 70 ? "a:0:{}"
                    : "a:2:{s:13:\"DisableGrouping\";i:0;s:8:\"HttpsTracker\";i:1;}",
            r.nextInt(100) < 95 ? "1" : "0",
            donor ? "1" : "0",
            r.nextInt(1000) < 3 ? "1" : "0",
            r.nextInt(100) < 5 ? "1" : "0",
            warned ? GazelleDataGenerator.datetime(Math.min(GazelleDataGenerator.SITE_END, joined + r.nextLong(DAY * 2000)))
                    : ZERO_DATE,
            "",
            String.valueOf(GazelleDataGenerator.pickIndex(r, new int[] {70, 25, 5})),
            r.nextInt(100) < 90 ? "1" : "0",
            String.valueOf(GazelleDataGenerator.pickIndex(r, new int[] {80, 15, 5})),
            Words.alnum(r, 32),
            resetPending ? Words.alnum(r, 32) : "",
            resetPending ? GazelleDataGenerator.datetime(GazelleDataGenerator.SITE_END + r.nextLong(DAY)) : ZERO_DATE,
            GazelleDataGenerator.datetime(joined),
            id > 1 && r.nextInt(100) < 70 ? 1 + r.nextInt(id - 1) : null,
            donor && r.nextInt(100) < 40 ? bitcoinAddress(r) : null,
            warned ? 1 + r.nextInt(3) : 0,
            "0", disabled && r.nextInt(100) < 30 ? "1" : "0", "0", "0",
            "0", r.nextInt(200) == 0 ? "1" : "0", r.nextInt(300) == 0 ? "1" : "0", "0", "0",
            disabled && r.nextInt(100) < 40 ? GazelleDataGenerator.datetime(banned + DAY * 14) : ZERO_DATE,
            disabled && r.nextInt(100) < 40 ? 1L + r.nextLong(1L << 34) : 0L,
            disabled ? r.nextInt(3) : 0,
            disabled ? GazelleDataGenerator.datetime(banned) : ZERO_DATE,
            disabled ? String.valueOf(1 + r.nextInt(4)) : "0",
            enabled && r.nextInt(100) < 60 ? lastAccess : null,
            r.nextInt(400),
            "0",
            "",
            "0",
            "",
            r.nextInt(100) < 20 ? "1" : "0",
            r.nextInt(60),
            r.nextInt(100) < 90 ? "" : Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.PLURALS),
        });
        SplittableRandom s = rng(S_SESSIONS, id);
        int n = sessionCount(s);
        for (int i = 0; i < n; i++) {
            String[] client = client(s);
            long last = ZERO_DATE.equals(lastAccess) ? joined + s.nextLong(DAY * 30)
                    : GazelleDataGenerator.SITE_END - s.nextLong(DAY * (i == 0 ? 3 : 200));
            sink.row("users_sessions", new Object[] {
                id, Words.alnum(s, 32), s.nextInt(100) < 60 ? "1" : "0", client[0], client[1], UsersGenerator.ipv4(s),
                GazelleDataGenerator.datetime(Math.max(joined, last)), i == 0 && enabled ? 1 : 0, client[2],
            });
        }
    }

    private static int sessionCount(SplittableRandom r) {
        int roll = r.nextInt(100);
        return roll < 15 ? 0 : roll < 75 ? 1 : roll < 95 ? 2 : 3;
    }

    private static String profileText(SplittableRandom r) {
        return "[size=4]" + Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.PLURALS) + "[/size]\n\n"
                + Words.paragraph(r, 1 + r.nextInt(3)) + "\n\n[b]Favourite genres:[/b] "
                + Words.pick(r, Words.GENRE_TAGS).replace('.', ' ') + ", "
                + Words.pick(r, Words.GENRE_TAGS).replace('.', ' ')
                + (r.nextBoolean() ? "\n[url=https://www.last.fm/user/" + Words.token(r, 8) + "]last.fm[/url]" : "");
    }

    /** Gazelle stores avatars HTML-escaped: the query string's '&' is '&amp;'. */
    private static String avatar(SplittableRandom r) {
        String url = Words.imageUrl(r);
        return r.nextInt(100) < 30 ? url + "?w=150&amp;h=150" : url;
    }

    private static String adminComment(SplittableRandom r, long joined, boolean disabled, boolean warned) {
        StringBuilder b = new StringBuilder();
        long t = joined;
        if (warned) {
            t = Math.min(GazelleDataGenerator.SITE_END, t + r.nextLong(DAY * 800));
            b.append(GazelleDataGenerator.datetime(t)).append(" - Warned for 1 week by ")
                    .append(Words.pick(r, Words.FIRST_NAMES)).append("\nReason: ")
                    .append(Words.pick(r, List.of("Trading", "Ratio cheating", "Flaming in the forums")))
                    .append("\n\n");
        }
        if (disabled) {
            t = Math.min(GazelleDataGenerator.SITE_END, t + r.nextLong(DAY * 800));
            b.append(GazelleDataGenerator.datetime(t)).append(" - Disabled for inactivity (never logged in)\n\n");
        }
        if (r.nextInt(100) < 5) {
            b.append(GazelleDataGenerator.datetime(joined + r.nextLong(DAY * 300)))
                    .append(" - Email changed from ").append(Words.alnum(r, 8)).append("@gmail.com by ")
                    .append(Words.pick(r, Words.FIRST_NAMES)).append("\n\n");
        }
        return b.toString();
    }

    private static String bitcoinAddress(SplittableRandom r) {
        final String base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder(34).append('1');
        for (int i = 0; i < 33; i++) {
            b.append(base58.charAt(r.nextInt(base58.length())));
        }
        return b.toString();
    }

    private static String[] client(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> new String[] {"Firefox 49.0", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:49.0) "
                    + "Gecko/20100101 Firefox/49.0"};
            case 1 -> new String[] {"Chrome 54.0.2840.71", "Mac OS X", "Mozilla/5.0 (Macintosh; Intel Mac OS X "
                    + "10_11_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/54.0.2840.71 Safari/537.36"};
            case 2 -> new String[] {"Firefox 45.0", "Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:45.0) Gecko/20100101 "
                    + "Firefox/45.0"};
            default -> new String[] {"Safari 10.0", "iOS", "Mozilla/5.0 (iPhone; CPU iPhone OS 10_1 like Mac OS X) "
                    + "AppleWebKit/602.2.14 (KHTML, like Gecko) Version/10.0 Mobile/14B72 Safari/602.1"};
        };
    }

    // ---------------------------------------------------------------------------------------------
    // torrents_logs_new

    private static final String[] DRIVES = {"PLEXTOR DVDR   PX-760A", "HL-DT-ST DVDRAM GH22NS50",
        "TSSTcorp CDDVDW SH-S223C", "ASUS    DRW-24B1ST   a", "PIONEER DVD-RW  DVR-111D"};
    private static final String[] DEDUCTIONS = {"Could not verify gap handling (-10 points)",
        "Could not verify id3 tag setting (-1 point)", "Range rip detected (-30 points)",
        "Null samples should be used in CRC calculations (-5 points)", "Test and copy was not used (-10 points)",
        "Audio cache not disabled (-10 points)", "C2 pointers were used (-10 points)"};

    /**
     * An EAC log of the torrent's audio files with the checker's verdict: the torrent's LogScore,
     * with findings that account for what it lost.
     */
    private void emitLog(RowSink sink, int id, Object[] torrent) {
        int torrentId = (Integer) torrent[T_ID];
        int score = (Integer) torrent[T_LOG_SCORE];
        SplittableRandom r = rng(S_LOG, torrentId);
        List<String> tracks = new ArrayList<>();
        for (String line : ((String) torrent[T_FILE_LIST]).split("\n")) {
            int start = line.indexOf("s ", 1);
            int end = line.lastIndexOf(' ');
            if (line.startsWith(".flac ") && start > 0 && end > start) {
                String name = line.substring(start + 2, end);
                tracks.add(name.substring(name.lastIndexOf('/') + 1, name.length() - ".flac".length()));
            }
        }
        String folder = r.nextInt(100) < 30
                ? "C:\\Users\\" + Words.pick(r, Words.FIRST_NAMES) + "\\Music\\EAC\\"
                : Words.pick(r, List.of("D:\\Rips\\", "E:\\Music\\CD Rips\\", "C:\\EAC\\"));
        long ripped = GazelleDataGenerator.SITE_START + r.nextLong(GazelleDataGenerator.SITE_END - GazelleDataGenerator.SITE_START);
        StringBuilder log = new StringBuilder()
                .append("Exact Audio Copy V1.0 beta ").append(1 + r.nextInt(3)).append(" from 15. November 2012\n\n")
                .append("EAC extraction logfile from ").append(GazelleDataGenerator.datetime(ripped)).append("\n\n")
                .append("Used drive  : ").append(DRIVES[r.nextInt(DRIVES.length)]).append("   Adapter: 1  ID: 0\n\n")
                .append("Read mode               : Secure\nUtilize accurate stream : Yes\n")
                .append("Defeat audio cache      : Yes\nMake use of C2 pointers : No\n\n")
                .append("Read offset correction                      : ").append(6 + r.nextInt(700)).append('\n')
                .append("Gap handling                                : Appended to previous track\n\n");
        for (int i = 0; i < tracks.size(); i++) {
            log.append("Track ").append(String.format(Locale.ROOT, "%2d", i + 1)).append("\n\n")
                    .append("     Filename ").append(folder).append(tracks.get(i)).append(".wav\n\n")
                    .append("     Peak level ").append(80 + r.nextInt(20)).append('.').append(r.nextInt(10))
                    .append(" %\n     Track quality 100.0 %\n     Test CRC ")
                    .append(String.format(Locale.ROOT, "%08X", r.nextInt() & 0xffffffffL)).append('\n')
                    .append("     Accurately ripped (confidence ").append(1 + r.nextInt(40)).append(")  [")
                    .append(String.format(Locale.ROOT, "%08X", r.nextInt() & 0xffffffffL)).append("]  (AR v2)\n")
                    .append("     Copy OK\n\n");
        }
        log.append("No errors occurred\n\nEnd of status report");
        List<String> findings = new ArrayList<>();
        int lost = 100 - score;
        for (int i = 0; lost > 0 && i < DEDUCTIONS.length; i++) {
            String d = DEDUCTIONS[(i + r.nextInt(DEDUCTIONS.length)) % DEDUCTIONS.length];
            int points = Integer.parseInt(d.replaceAll(".*\\(-(\\d+) points?\\)", "$1"));
            if (points <= lost && !findings.contains(d)) {
                findings.add(d);
                lost -= points;
            }
        }
        if (lost > 0) {
            findings.add("Rip was not done in Secure mode, or with the proper settings (-" + lost + " points)");
        }
        boolean adjusted = r.nextInt(100) < 3;
        sink.row("torrents_logs_new", new Object[] {
            id, torrentId, log.toString(), String.join("\n", findings), score, 1 + r.nextInt(2),
            adjusted ? "1" : "0", adjusted ? 1 + r.nextInt(Math.min(plan.users, 20)) : 0,
            r.nextInt(100) < 4 ? "1" : "0",
            adjusted ? "Checked the drive offset against AccurateRip; " + Words.sentence(r) : null,
        });
    }

    // ---------------------------------------------------------------------------------------------
    // artists_similar_scores, artists_similar, artists_similar_votes

    /** Votes after the proposal's own; at least one user besides the proposer remains to cast them. */
    private int similarVoters(SplittableRandom r) {
        int roll = r.nextInt(100);
        int n = roll < 50 ? 0 : roll < 80 ? 1 : roll < 95 ? 2 + r.nextInt(3) : 5 + r.nextInt(10);
        return Math.min(n, plan.users - 1);
    }

    /**
     * As add_similar.php and vote_similar.php write them: a proposal scores 200 with its proposer's
     * up vote; proposing it again adds 200, a vote 100 either way; none falls to 0 (the schedule
     * would have deleted it).
     */
    private void emitSimilarArtists(RowSink sink) {
        List<Object[]> members = new ArrayList<>();
        List<Object[]> votes = new ArrayList<>();
        for (int s = 0; s < similarA.length; s++) {
            int id = s + 1;
            SplittableRandom r = rng(S_SIMILAR_VOTES, id);
            int voters = similarVoters(r);
            Set<Integer> seen = new HashSet<>();
            int proposer = user(r);
            seen.add(proposer);
            votes.add(new Object[] {id, proposer, "up"});
            int score = 200;
            for (int v = 0; v < voters; v++) {
                int user;
                do {
                    user = 1 + r.nextInt(plan.users);
                } while (!seen.add(user));
                int roll = r.nextInt(100);
                boolean down = roll >= 80 && score > 100;
                score += down ? -100 : roll < 20 ? 200 : 100;
                votes.add(new Object[] {id, user, down ? "down" : "up"});
            }
            sink.row("artists_similar_scores", new Object[] {id, score});
            members.add(new Object[] {similarA[s], id});
            members.add(new Object[] {similarB[s], id});
        }
        members.forEach(m -> sink.row("artists_similar", m));
        votes.forEach(v -> sink.row("artists_similar_votes", v));
    }

    // ---------------------------------------------------------------------------------------------
    // torrents_votes, users_votes

    /** Up votes and all votes of a group; about one group in six has any. */
    private int[] albumVotes(int groupId) {
        SplittableRandom r = rng(S_ALBUM_VOTES, groupId);
        if (r.nextInt(100) >= 17) {
            return new int[] {0, 0};
        }
        int total = Math.min(plan.users, 1 + (int) (Math.pow(r.nextDouble(), 3) * 40));
        double likes = 0.55 + 0.4 * r.nextDouble();
        int ups = 0;
        for (int i = 0; i < total; i++) {
            ups += r.nextDouble() < likes ? 1 : 0;
        }
        return new int[] {ups, total};
    }

    /** Gazelle's binomial_ci stored function: the lower bound of the Wilson interval, 95%. */
    static double binomialScore(int ups, int total) {
        if (total == 0) {
            return 0;
        }
        double n = total;
        return ((ups + 1.35336) / n - 1.6452 * Math.sqrt((ups * (n - ups)) / n + 0.67668) / n) / (1 + 2.7067 / n);
    }

    /** Writes the votes; returns each voted group's score in thousandths, for the search queue. */
    private int[] emitAlbumVotes(RowSink sink) {
        int[] scores = new int[plan.groups];
        List<Object[]> voters = new ArrayList<>();
        for (int g = 0; g < plan.groups; g++) {
            int id = g + 1;
            int[] votes = albumVotes(id);
            if (votes[1] == 0) {
                continue;
            }
            double score = binomialScore(votes[0], votes[1]);
            scores[g] = (int) Math.round(score * 1000);
            sink.row("torrents_votes", new Object[] {id, votes[0], votes[1], score});
            SplittableRandom r = rng(S_ALBUM_VOTERS, id);
            long from = plan.groupFirstUpload(g);
            Set<Integer> seen = new HashSet<>();
            for (int v = 0; v < votes[1]; v++) {
                int user;
                do {
                    user = v < plan.users / 2 ? user(r) : 1 + r.nextInt(plan.users);
                } while (!seen.add(user));
                long t = Math.min(GazelleDataGenerator.SITE_END, from + r.nextLong(Math.max(1,
                        GazelleDataGenerator.SITE_END - from)));
                voters.add(new Object[] {user, id, v < votes[0] ? "Up" : "Down", GazelleDataGenerator.datetime(t)});
            }
        }
        voters.forEach(v -> sink.row("users_votes", v));
        return scores;
    }

    // ---------------------------------------------------------------------------------------------
    // sphinx_delta

    /**
     * The delta queue as Torrents::update_hash leaves it: one row per torrent of the newest groups,
     * group and torrent columns flattened, FileList with '_' and '/' turned into spaces.
     */
    private void emitSearchQueue(RowSink sink, String[] artistNames, String[] tagLists, List<Object[]> torrents,
                                 int[] voteScores) {
        for (Object[] t : torrents) {
            int groupId = (Integer) t[T_GROUP];
            ReleaseGroupsGenerator.GroupCore g = groups.core(groupId - 1, artistNames);
            SplittableRandom r = rng(S_SEARCH, (Integer) t[T_ID]);
            String time = (String) t[T_TIME];
            Object remasterYear = t[COLUMNS_TORRENTS.indexOf("RemasterYear")];
            sink.row("sphinx_delta", new Object[] {
                t[T_ID], groupId, Words.cut(g.name(), 255),
                g.mainArtist() > 0 ? Words.cut(artistNames[g.mainArtist() - 1], 2048) : "",
                Words.cut(tagLists[groupId - recentGroupsFrom - 1], 728),
                g.year(), Words.cut(g.catalogueNumber(), 50), Words.cut(g.recordLabel(), 50), g.category(),
                ZERO_DATE.equals(time) ? 0L : LocalDateTime.parse(time.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC),
                g.releaseType(), value(t, "Size"), value(t, "Snatched"), value(t, "Seeders"), value(t, "Leechers"),
                value(t, "LogScore"), flag(t, "Scene"), g.vanityHouse(), flag(t, "HasLog"), flag(t, "HasCue"),
                Integer.parseInt((String) value(t, "FreeTorrent")), value(t, "Media"), value(t, "Format"),
                value(t, "Encoding"), remasterYear == null ? "" : String.valueOf(remasterYear),
                value(t, "RemasterTitle"), Words.cut((String) value(t, "RemasterRecordLabel"), 50),
                Words.cut((String) value(t, "RemasterCatalogueNumber"), 50),
                ((String) t[T_FILE_LIST]).replace('_', ' ').replace('/', ' '), value(t, "Description"),
                voteScores[groupId - 1] / 1000.0,
                GazelleDataGenerator.datetime(GazelleDataGenerator.SITE_END - r.nextLong(DAY * 7)),
            });
        }
    }

    private static Object value(Object[] torrent, String column) {
        return torrent[COLUMNS_TORRENTS.indexOf(column)];
    }

    private static int flag(Object[] torrent, String column) {
        return "1".equals(value(torrent, column)) ? 1 : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // shared draws

    private SplittableRandom rng(long salt, long id) {
        return new SplittableRandom(GazelleDataGenerator.mix64(GazelleDataGenerator.mix64(seed + salt * 0x9E3779B97F4A7C15L) ^ id));
    }

    /** Active users do most of the voting: skewed to low ids, as the core generator's uploaders are. */
    private int user(SplittableRandom r) {
        return 1 + Math.min(plan.users - 1, (int) (plan.users * Math.pow(r.nextDouble(), 3)));
    }
}
