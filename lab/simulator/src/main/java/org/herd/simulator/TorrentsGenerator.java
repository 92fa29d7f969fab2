package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.SITE_START;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.herd.simulator.ReleaseGroupsGenerator.GroupCore;
import org.herd.simulator.ReleaseGroupsGenerator.GroupKind;

/**
 * torrents: the editions and formats of the release groups, in the order they were uploaded. A
 * group's first upload created it; later uploads of other editions and formats follow over the
 * years (the plan says which group each goes to), and a lossy upload is often a transcode of the
 * group's latest FLAC. Each torrent has its file list, folder, description, tracker statistics and
 * info_hash.
 *
 * <p>What the tables after the core copy from torrents is planned here too: which torrents have a
 * rip log and how many torrents each group has. A torrent's first draws (edition, format, scene,
 * log) decide that, and planning makes only those draws ({@link #head}); the row itself, file list
 * and all, is made once, when the torrents are written.
 */
final class TorrentsGenerator {

    private static final int[] LOG_SCORES = {99, 95, 90, 85, 80, 79, 70, 60, 50, 30, 0};
    static final String[] MEDIA = {"CD", "WEB", "Vinyl", "DVD", "SACD", "Soundboard", "Cassette", "DAT", "BD"};
    static final int[] MEDIA_WEIGHTS = {550, 200, 140, 20, 20, 20, 30, 5, 15};
    private static final String[] MP3_ENCODINGS = {"320", "V0 (VBR)", "V2 (VBR)", "256", "192", "V1 (VBR)", "APS (VBR)", "APX (VBR)"};
    private static final int[] MP3_WEIGHTS = {35, 33, 15, 5, 7, 2, 2, 1};
    private static final int FORMAT = GazelleDataGenerator.columns("torrents").indexOf("Format");

    private final SitePlan plan;
    private final ReleaseGroupsGenerator groups;
    /** Torrents with a rip log: rows of torrents_logs_new. */
    private final long withLog;
    /** Torrents per group, by group (0-based). */
    private final int[] perGroup;
    private long rowsMade;

    TorrentsGenerator(SitePlan plan, ReleaseGroupsGenerator groups) {
        this.plan = plan;
        this.groups = groups;
        long logs = 0;
        int[] torrentsOf = new int[plan.groups];
        int[] lastFlac = new int[plan.groups];
        Uploads uploads = new Uploads(plan);
        while (uploads.next()) {
            int g = uploads.group;
            Head head = head(plan.rng(SitePlan.S_TORRENT, uploads.id), uploads.id, groups.kind(g), lastFlac[g]);
            if (head.flac()) {
                lastFlac[g] = uploads.id;
            }
            logs += head.hasLog() ? 1 : 0;
            torrentsOf[g]++;
        }
        withLog = logs;
        perGroup = torrentsOf;
    }

    /** Torrents that have a rip log. */
    long withLog() {
        return withLog;
    }

    /** Torrents of the groups whose GroupID is above {@code groupId}. */
    long ofGroupsAbove(int groupId) {
        long n = 0;
        for (int g = Math.max(0, groupId); g < perGroup.length; g++) {
            n += perGroup[g];
        }
        return n;
    }

    /** Rows of torrents made since this generator was built: once per torrent per generation. */
    long rowsMade() {
        return rowsMade;
    }

    /**
     * The uploads in the order they happened, torrent ids dense from 1: each group's first upload
     * and the later ones, merged by time.
     */
    private static final class Uploads {
        private final SitePlan plan;
        int id;
        int group;
        boolean first;
        long time;
        private int nextGroup;
        private int nextExtra;

        Uploads(SitePlan plan) {
            this.plan = plan;
        }

        boolean next() {
            if (nextGroup >= plan.groups && nextExtra >= plan.extras) {
                return false;
            }
            first = nextExtra >= plan.extras
                    || (nextGroup < plan.groups && plan.groupFirstUpload(nextGroup) <= plan.extraUploadTime(nextExtra));
            group = first ? nextGroup++ : plan.extraGroup(nextExtra++);
            time = first ? plan.groupFirstUpload(group) : plan.extraUploadTime(nextExtra - 1);
            id++;
            return true;
        }
    }

    /** Writes every torrent; {@code artistNames} by ArtistID - 1 name the files and folders. */
    void emit(RowSink sink, String[] artistNames) {
        int[] lastFlac = new int[plan.groups];
        Uploads uploads = new Uploads(plan);
        while (uploads.next()) {
            int g = uploads.group;
            GroupCore core = groups.core(g, artistNames);
            Object[] row = row(uploads.id, core, uploads.first, uploads.time, lastFlac[g], artistNames);
            if ("FLAC".equals(row[FORMAT])) {
                lastFlac[g] = uploads.id;
            }
            sink.row("torrents", row);
        }
    }

    /**
     * A torrent's first draws from its stream {@code r}: its edition and format, whether it is a
     * scene release and has a rip log and a cue sheet, and the log's score.
     *
     * @param flacSource the group's latest FLAC torrent, which a lossy upload may be a transcode of; 0 for none
     */
    record Head(Edition edition, String format, String encoding, int transcodedFrom, boolean scene, boolean hasLog,
            boolean hasCue, int logScore) {
        boolean flac() {
            return "FLAC".equals(format);
        }
    }

    Head head(SplittableRandom r, int id, GroupKind kind, int flacSource) {
        Edition edition;
        String format;
        String encoding;
        int transcodedFrom = 0;
        if (!kind.music()) {
            edition = edition(id, kind);
            boolean audio = kind.category() == 4 || kind.category() == 6;
            format = audio ? (r.nextInt(100) < 80 ? "MP3" : "AAC") : "";
            encoding = audio ? ("MP3".equals(format) ? MP3_ENCODINGS[GazelleDataGenerator.pickIndex(r, MP3_WEIGHTS)] : "256") : "";
        } else if (flacSource > 0 && r.nextInt(100) < 45) {
            // A transcode of the group's latest FLAC: same edition, lossy format.
            edition = edition(flacSource, kind);
            format = "MP3";
            encoding = Words.pick(r, List.of("320", "V0 (VBR)", "V0 (VBR)", "V2 (VBR)"));
            transcodedFrom = r.nextInt(100) < 70 ? flacSource : 0;
        } else {
            edition = edition(id, kind);
            String[] fe = formatFor(edition.media(), r);
            format = fe[0];
            encoding = fe[1];
        }
        boolean flac = "FLAC".equals(format);
        boolean scene = kind.music() && r.nextInt(100) < (edition.media().equals("WEB") ? 15 : 6);
        boolean hasLog = flac && edition.media().equals("CD") && !scene && r.nextInt(100) < 85;
        boolean hasCue = hasLog ? r.nextInt(100) < 85 : flac && edition.media().equals("CD") && r.nextInt(100) < 15;
        // EAC log scores: most logs are perfect, the rest lose points for settings and read errors.
        int logScore = !hasLog ? 0 : r.nextInt(100) < 70 ? 100 : LOG_SCORES[r.nextInt(LOG_SCORES.length)];

        return new Head(edition, format, encoding, transcodedFrom, scene, hasLog, hasCue, logScore);
    }

    record Edition(String media, String remastered, Integer remasterYear, String remasterTitle,
                   String remasterLabel, String remasterCatalogueNumber) {
    }

    Edition edition(int torrentId, GroupKind core) {
        if (!core.music()) {
            return new Edition("", "0", 0, "", "", "");
        }
        SplittableRandom r = plan.rng(SitePlan.S_EDITION, torrentId);
        String media = MEDIA[GazelleDataGenerator.pickIndex(r, MEDIA_WEIGHTS)];
        int roll = r.nextInt(100);
        if (roll < 33) {
            int year = Math.min(2016, Math.max(core.year(), 1950) + (int) ((2017 - core.year()) * r.nextDouble()));
            return new Edition(media, "1", year,
                    r.nextInt(100) < 25 ? "" : Words.pick(r, Words.REMASTER_TITLES),
                    r.nextInt(100) < 20 ? "" : Words.pick(r, Words.LABELS),
                    r.nextInt(100) < 30 ? "" : ReleaseGroupsGenerator.catalogueNumber(r));
        } else if (roll < 35) {
            // "Unknown release": flagged as remastered, with every edition field left blank.
            return new Edition(media, "1", 0, "", "", "");
        }
        // Not remastered: the empty year field is stored as 0; the oldest rows predate the field.
        return new Edition(media, "0", torrentId <= plan.torrents / 12 ? null : 0, "", "", "");
    }

    /** One row of torrents, in catalogue column order. */
    private Object[] row(int id, GroupCore core, boolean firstOfGroup, long time, int flacSource,
            String[] artistNames) {
        SplittableRandom r = plan.rng(SitePlan.S_TORRENT, id);
        Head head = head(r, id, core.kind(), flacSource);
        Edition edition = head.edition();
        rowsMade++;
        String artistName = core.mainArtist() > 0 ? artistNames[core.mainArtist() - 1] : "";
        FileSet files = files(core, head, artistName, r);
        String folder = folderName(core, artistName, edition, head.format(), head.encoding());
        boolean oldDelimiter = time < SITE_START + 86_400L * 240 && r.nextInt(100) < 50;

        int age = (int) Math.max(1, (SITE_END - time) / 86_400);
        int seeders = r.nextInt(100) < 15 ? 0 : (int) Math.exp(r.nextDouble() * (age > 2000 ? 3.5 : 5.0));
        int leechers = r.nextInt(100) < 70 ? 0 : 1 + r.nextInt(6);
        long snatched = seeders + (long) Math.exp(r.nextDouble() * 6.5) - 1;
        String lastAction = seeders > 0 ? datetime(SITE_END - r.nextLong(86_400L * 3))
                : snatched > 0 && r.nextInt(100) < 90 ? datetime(time + r.nextLong(Math.max(1, SITE_END - time)))
                : ZERO_DATE;
        int freeRoll = r.nextInt(1000);
        String free = freeRoll < 975 ? "0" : freeRoll < 992 ? "1" : "2";
        return new Object[] {
            id, core.id(),
            firstOfGroup ? core.uploader() : plan.userId(r),
            edition.media(), head.format(), head.encoding(),
            edition.remastered(), edition.remasterYear(), Words.cut(edition.remasterTitle(), 80),
            edition.remasterCatalogueNumber(), edition.remasterLabel(),
            head.scene() ? "1" : "0", head.hasLog() ? "1" : "0", head.hasCue() ? "1" : "0", head.logScore(),
            infoHash(id),
            files.names().size(),
            FileLists.format(files.names(), files.sizes(), oldDelimiter),
            files.names().size() == 1 ? "" : folder,
            files.total(),
            leechers, seeders, lastAction,
            free, free.equals("0") ? "0" : String.valueOf(1 + r.nextInt(4)),
            r.nextInt(100) < 2 ? ZERO_DATE : datetime(time),
            description(r, core, edition, head.format(), head.hasLog(), head.transcodedFrom()),
            snatched,
            r.nextLong(-(1L << 34), 1L << 36),
            r.nextInt(100) < 2 ? datetime(Math.min(SITE_END, time + r.nextLong(86_400L * 700))) : ZERO_DATE,
            head.transcodedFrom(),
        };
    }

    static String[] formatFor(String media, SplittableRandom r) {
        int roll = r.nextInt(100);
        return switch (media) {
            case "CD" -> roll < 50 ? new String[] {"FLAC", "Lossless"} : mp3(r);
            case "WEB" -> roll < 35 ? new String[] {"FLAC", "Lossless"} : roll < 45 ? new String[] {"FLAC", "24bit Lossless"}
                    : roll < 52 ? new String[] {"AAC", r.nextBoolean() ? "256" : "320"}
                    : roll < 55 ? new String[] {"Ogg Vorbis", "q8.x (VBR)"} : mp3(r);
            case "Vinyl" -> roll < 40 ? new String[] {"FLAC", "24bit Lossless"} : roll < 55 ? new String[] {"FLAC", "Lossless"} : mp3(r);
            case "SACD", "DVD", "BD" -> roll < 70 ? new String[] {"FLAC", "24bit Lossless"}
                    : roll < 85 ? new String[] {"FLAC", "Lossless"} : mp3(r);
            default -> roll < 50 ? new String[] {"FLAC", "Lossless"} : roll < 60 ? new String[] {"FLAC", "24bit Lossless"} : mp3(r);
        };
    }

    private static String[] mp3(SplittableRandom r) {
        return new String[] {"MP3", MP3_ENCODINGS[GazelleDataGenerator.pickIndex(r, MP3_WEIGHTS)]};
    }

    record FileSet(List<String> names, List<Long> sizes, long total) {
    }

    private FileSet files(GroupCore core, Head head, String artistName, SplittableRandom r) {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        ReleaseGroupsGenerator.Tracks tracks = groups.tracks(core.kind());
        String safeArtist = safeFileName(artistName);
        String safeTitle = safeFileName(core.name());
        switch (core.category()) {
            case 1, 4, 6 -> {
                String ext = switch (head.format()) {
                    case "FLAC" -> "flac";
                    case "AAC" -> "m4a";
                    case "Ogg Vorbis" -> "ogg";
                    default -> "mp3";
                };
                double kbps = bitrate(head.encoding(), r);
                boolean discs = tracks.titles().size() > 20 && r.nextBoolean();
                int perDisc = (tracks.titles().size() + 1) / 2;
                for (int i = 0; i < tracks.titles().size(); i++) {
                    String prefix = discs ? "CD" + (i < perDisc ? 1 : 2) + "/" : "";
                    int number = discs && i >= perDisc ? i - perDisc + 1 : i + 1;
                    String name = core.category() == 4 ? "Chapter " + twoDigits(number) + "." + ext
                            : prefix + twoDigits(number) + " - " + safeFileName(tracks.titles().get(i)) + "." + ext;
                    names.add(name);
                    sizes.add((long) (tracks.seconds()[i] * kbps * 125) + r.nextInt(65_536));
                }
                if (head.hasLog()) {
                    names.add(safeArtist + " - " + safeTitle + ".log");
                    sizes.add(4_000L + r.nextInt(12_000));
                }
                if (head.hasCue()) {
                    names.add(safeArtist + " - " + safeTitle + ".cue");
                    sizes.add(800L + r.nextInt(2_000));
                }
                if (head.scene()) {
                    String base = "00-" + (safeArtist + "-" + safeTitle).toLowerCase(Locale.ROOT).replace(' ', '_');
                    names.add(base + ".nfo");
                    sizes.add(2_000L + r.nextInt(6_000));
                    names.add(base + ".sfv");
                    sizes.add(200L + 40L * tracks.titles().size());
                    names.add(base + ".m3u");
                    sizes.add(100L + 30L * tracks.titles().size());
                }
                if (r.nextInt(100) < 65) {
                    names.add(Words.pick(r, List.of("cover", "folder", "Front")) + "." + Words.pick(r, Words.EXTENSIONS_ART));
                    sizes.add(30_000L + r.nextInt(900_000));
                }
                if (r.nextInt(100) < 8) {
                    for (String scan : List.of("Scans/Back.jpg", "Scans/Booklet 01.jpg", "Scans/Booklet 02.jpg", "Scans/Disc.jpg")) {
                        names.add(scan);
                        sizes.add(500_000L + r.nextInt(4_000_000));
                    }
                }
            }
            case 2 -> {
                names.add(safeTitle + Words.pick(r, List.of(".dmg", ".zip", ".iso", ".exe")));
                sizes.add(5_000_000L + r.nextLong(4_000_000_000L));
                if (r.nextBoolean()) {
                    names.add("readme.txt");
                    sizes.add(500L + r.nextInt(5_000));
                }
            }
            case 3 -> {
                names.add(safeTitle + Words.pick(r, List.of(".epub", ".pdf", ".mobi")));
                sizes.add(200_000L + r.nextInt(40_000_000));
            }
            case 5 -> {
                for (int i = 0; i < tracks.titles().size(); i++) {
                    names.add(twoDigits(i + 1) + " - " + safeFileName(tracks.titles().get(i)) + ".mp4");
                    sizes.add(20_000_000L + r.nextInt(400_000_000));
                }
            }
            default -> {
                for (int i = 0; i < Math.max(1, tracks.titles().size() / 4); i++) {
                    names.add(String.format(Locale.ROOT, "%s %03d.cbr", safeTitle, i + 1));
                    sizes.add(10_000_000L + r.nextInt(60_000_000));
                }
            }
        }
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        return new FileSet(names, sizes, total);
    }

    static double bitrate(String encoding, SplittableRandom r) {
        return switch (encoding) {
            case "Lossless" -> 750 + r.nextInt(300);
            case "24bit Lossless" -> 2_000 + r.nextInt(2_500);
            case "320" -> 320;
            case "256" -> 256;
            case "192" -> 192;
            case "V0 (VBR)", "APX (VBR)" -> 230 + r.nextInt(30);
            case "V1 (VBR)", "APS (VBR)" -> 200 + r.nextInt(30);
            case "V2 (VBR)" -> 175 + r.nextInt(30);
            case "q8.x (VBR)" -> 256;
            default -> 128;
        };
    }

    /** Drops the characters file systems reject, as clients do when they name files after tags. */
    static String safeFileName(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
                    || c == '>' || c == '|';
            if (bad && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!bad && b != null) {
                b.append(c);
            }
        }
        return (b == null ? s : b.toString()).strip();
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String folderName(GroupCore core, String artistName, Edition edition, String format, String encoding) {
        String name;
        if (core.music()) {
            String enc = encoding.equals("Lossless") ? "" : " " + encoding.replace(" (VBR)", "");
            name = safeFileName(artistName) + " - " + safeFileName(core.name()) + " (" + core.year() + ")"
                    + (edition.media().equals("CD") ? "" : " [" + edition.media() + "]")
                    + " [" + format + enc + "]";
        } else {
            name = safeFileName(core.name());
        }
        return Words.cut(name, 255);
    }

    private static String description(SplittableRandom r, GroupCore core, Edition edition, String format,
                                      boolean hasLog, int transcodedFrom) {
        int roll = r.nextInt(100);
        if (roll < 45) {
            return "";
        }
        if (transcodedFrom > 0) {
            return "Transcoded from [url=torrents.php?torrentid=" + transcodedFrom + "]the FLAC[/url] with LAME 3.99.5.";
        }
        if (hasLog && roll < 75) {
            return "[b]Ripped with EAC[/b] v1.0 beta " + (1 + r.nextInt(4)) + ", secure mode, "
                    + Words.pick(r, List.of("PLEXTOR DVDR PX-760A", "HL-DT-ST DVDRAM GH22NS50", "TSSTcorp CDDVDW SH-S223C"))
                    + " (read offset +" + (6 + r.nextInt(700)) + ")\n[hide=Spectrals][img]" + Words.imageUrl(r) + "[/img][/hide]";
        }
        if (core.music() && edition.media().equals("Vinyl")) {
            return "[b]Lineage:[/b] Vinyl > " + Words.pick(r, List.of("Rega P3", "Technics SL-1200MK2", "Pro-Ject Debut"))
                    + " > " + Words.pick(r, List.of("Audio-Technica AT95E", "Ortofon 2M Red", "Shure M97xE"))
                    + " > RME Babyface > Audacity > " + format + "\n[i]Cleaned with a wet wash before recording.[/i]";
        }
        if (roll < 85) {
            return "[url=https://www.discogs.com/release/" + (10_000 + r.nextInt(9_000_000)) + "]Discogs[/url]";
        }
        return "[size=3]" + Words.sentence(r) + "[/size]\n[quote]" + Words.paragraph(r, 2) + "[/quote]";
    }

    /** info_hash is the SHA-1 of a torrent's info dictionary: 20 bytes, unique. */
    byte[] infoHash(int torrentId) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(20).putLong(plan.seed).putLong(torrentId).putInt(0x696E666F).array());
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
