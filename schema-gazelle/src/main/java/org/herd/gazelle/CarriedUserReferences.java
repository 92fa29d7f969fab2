package org.herd.gazelle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The table in which a Gazelle database rebuilt from a mirror ({@code herd restore}) keeps, for
 * each placeholder account the restore created for a pseudonymous author, the pseudonym the old
 * site published for that author. A sidecar on the rebuilt site with
 * {@code herd.sidecar.privacy.carried-references=true} reads it at start-up and publishes those
 * pseudonyms again, so that mirrors see the same authors before and after.
 *
 * <p>It is Herd's table, not Gazelle's: Gazelle's code never reads it, Herd's catalogue does not
 * list it (the sidecar does not replicate it), and it holds only what every mirror already held.
 */
public final class CarriedUserReferences {

    /** The table's name. */
    public static final String TABLE = "herd_user_reference";

    private CarriedUserReferences() {
    }

    /** Creates the (empty) table in the connection's current database. */
    public static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE `" + TABLE + "` ("
                    + "`UserID` int NOT NULL COMMENT 'users_main.ID of the placeholder account', "
                    + "`Reference` varchar(64) NOT NULL COMMENT 'the pseudonym the old site published for it', "
                    + "PRIMARY KEY (`UserID`), UNIQUE KEY `Reference` (`Reference`)"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=ascii COMMENT='herd restore: pseudonyms carried over'");
        }
    }

    /** Writes one user's carried reference. */
    public static PreparedStatement inserter(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT INTO `" + TABLE + "` (`UserID`, `Reference`) VALUES (?, ?)");
    }

    /**
     * Every carried reference, by user id.
     *
     * @throws SQLException when the table is missing or unreadable; the message names it
     */
    public static Map<Long, String> read(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Map<Long, String> carried = new HashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT `UserID`, `Reference` FROM `" + TABLE + "`")) {
            while (rs.next()) {
                carried.put(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new SQLException("reading the carried user references (table " + TABLE + ") failed: "
                    + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        return carried;
    }
}
