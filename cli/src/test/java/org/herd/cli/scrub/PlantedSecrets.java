package org.herd.cli.scrub;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.testkit.canary.Canary;

/**
 * Secrets of every kind the text scrub removes, written into every row of every free-text column
 * of a Gazelle database: an announce URL's passkey, the keys of a download link, a key in a link to
 * the origin's own host, an e-mail address, an IPv4 and an IPv6 address, the user names of Windows,
 * macOS and Linux home directories, and a match of the operator's pattern {@link #PATTERN}. Each
 * piece is one line starting with a control word ({@code ctl<column>k<kind>r<round>}), a public word
 * that must arrive where the scrubbed text goes, proof that the piece's column was published.
 *
 * <p>A column too short for every piece gets as many as fit, the next row the next ones, so that a
 * {@code varchar(100)} column still carries every kind over a few rows. Every row gets them (rows a
 * row filter keeps home too), so whichever rows the site publishes carry them all.
 */
final class PlantedSecrets {

    /** The origin's own host, for the origin-url rule ({@code herd.sidecar.privacy.text.origin-hosts}). */
    static final String ORIGIN_HOST = "site.example";
    /** The operator's pattern ({@code herd.sidecar.privacy.text.patterns.staff-host}), RE2. */
    static final String PATTERN = "intra[0-9]+x[0-9]+\\.corp";
    /** The kinds, in the order of {@link #piece}. */
    static final List<String> KINDS = List.of("announce-url", "key-parameter", "origin-url", "email", "ipv4", "ipv6",
            "home-windows", "home-macos", "home-linux", "pattern");

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();
    private final List<Canary> secrets = new ArrayList<>();
    private final List<Canary> controls = new ArrayList<>();

    /** The secrets planted so far: none may leave the origin. */
    List<Canary> secrets() {
        return List.copyOf(secrets);
    }

    /** The control words planted so far, one per column, kind and round. */
    List<Canary> controls() {
        return List.copyOf(controls);
    }

    /** Plants round {@code round} of secrets in every free-text column of the catalogue; returns the rows written. */
    int plant(Connection c, GazelleCatalogue catalogue, int round) throws SQLException {
        int rows = 0;
        int columnNo = 0;
        for (Map.Entry<String, List<ColumnDef>> table : catalogue.freeTextColumns().entrySet()) {
            for (ColumnDef column : table.getValue()) {
                columnNo++;
                rows += plant(c, table.getKey(), column.name(), columnNo, round);
            }
        }
        return rows;
    }

    private int plant(Connection c, String table, String column, int no, int round) throws SQLException {
        List<String> pieces = new ArrayList<>();
        for (int kind = 0; kind < KINDS.size(); kind++) {
            pieces.add(piece(table, column, no, kind, round));
        }
        long max = maxLength(c, table, column);
        List<String> keys = keys(c, table);
        String key = keys.get(0);
        List<Object> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT `" + key + "` FROM `" + table
                + "` ORDER BY `" + key + "`")) {
            while (rs.next()) {
                ids.add(rs.getObject(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException(table + " has no rows to plant secrets in");
        }
        int next = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE `" + table + "` SET `" + column + "` = ? WHERE `" + key
                + "` = ?")) {
            for (Object id : ids) {
                StringBuilder text = new StringBuilder();
                for (int taken = 0; taken < pieces.size(); taken++) {
                    String piece = pieces.get(next);
                    if (text.length() + 1 + piece.length() > max) {
                        break;
                    }
                    text.append(text.isEmpty() ? "" : "\n").append(piece);
                    next = (next + 1) % pieces.size();
                }
                if (text.isEmpty()) {
                    throw new IllegalStateException(table + "." + column + " is too short for a piece of "
                            + pieces.get(next).length() + " characters");
                }
                ps.setString(1, text.toString());
                ps.setObject(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids.size();
    }

    /** One line with one secret of kind {@code kind}, after its control word; records both. */
    private String piece(String table, String column, int no, int kind, int round) {
        String where = table + "." + column;
        String control = "ctl" + no + "k" + kind + "r" + round + "z";
        controls.add(Canary.text("control " + where + " " + KINDS.get(kind) + " round " + round, table, column,
                control));
        String tag = no + "x" + round;
        String line = switch (kind) {
            case 0 -> "http://t.example/" + secret(where, kind, alnum(24)) + "/announce";
            case 1 -> "dl.php?authkey=" + secret(where, kind, alnum(12)) + "&torrent_pass=" + secret(where, kind, alnum(12));
            case 2 -> "https://" + ORIGIN_HOST + "/r.php?invite=" + secret(where, kind, "i" + alnum(15) + "7");
            case 3 -> "mail " + secret(where, kind, "rip" + tag + "u@mailhost.example");
            case 4 -> "seedbox " + secret(where, kind, "198.51." + no + "." + (round + 1)) + " port 34000";
            case 5 -> "box " + secret(where, kind, "2001:db8:" + no + ":" + round + "::5a");
            case 6 -> "C:\\Users\\" + secret(where, kind, "winuser" + tag + "q") + "\\Music\\rip.wav";
            case 7 -> "/Users/" + secret(where, kind, "macuser" + tag + "q") + "/Music/rip.flac";
            case 8 -> "/home/" + secret(where, kind, "linuser" + tag + "q") + "/rips/cd.cue";
            case 9 -> "on " + secret(where, kind, "intra" + no + "x" + round + ".corp") + " now";
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        return control + " " + line;
    }

    private String secret(String where, int kind, String value) {
        secrets.add(Canary.text(KINDS.get(kind) + " in " + where, where.substring(0, where.indexOf('.')),
                where.substring(where.indexOf('.') + 1), value));
        return value;
    }

    private String alnum(int n) {
        StringBuilder s = new StringBuilder("k");
        while (s.length() < n - 1) {
            s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return s.append('9').toString();
    }

    private static long maxLength(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no column " + table + "." + column);
                }
                return Math.min(rs.getLong(1), 4000);
            }
        }
    }

    private static List<String> keys(Connection c, String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' "
                + "ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(table + " has no primary key");
        }
        return keys;
    }
}
