package org.herd.restore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * The first administrator of a restored site: an enabled account of the Sysop class with a
 * one-time password. Both variants make the first account that registers on an empty site its
 * Sysop; a restored site is not empty (its placeholder accounts), so the restore creates one.
 *
 * <p>The password hash is bcrypt ({@code $2y$}), which both variants verify with PHP's
 * {@code crypt}/{@code password_verify}: WhatCD hashes the password itself
 * ({@code Users::check_password}), OPS the hex SHA-256 of it ({@code User::validatePassword},
 * {@code PASSWORD_ALGO = 'sha256'}).
 */
public final class AdminAccount {

    /** PermissionID of the Sysop class in both variants' seeded permissions. */
    static final long SYSOP_CLASS = 15;
    /** Gazelle's user names: letters, digits and '_', at most 20. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,20}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int BCRYPT_COST = 10;

    /**
     * The account created.
     *
     * @param password the one-time password: shown once, never logged
     */
    public record Created(long id, String username, String password) {

        @Override
        public String toString() {
            return "Created[id=" + id + ", username=" + username + ", password=****]";
        }
    }

    private AdminAccount() {
    }

    /**
     * Creates the administrator in the restored database.
     *
     * @throws RestoreException when the name is not a Gazelle user name or is taken
     */
    public static Created create(Connection connection, GazelleTables tables, String username, String origin,
            SecureRandom random) throws SQLException {
        if (!USERNAME.matcher(username).matches()) {
            throw new RestoreException("--admin-username '" + username
                    + "' is not a Gazelle user name: 1 to 20 letters, digits or _");
        }
        long id;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(ID), 0) + 1, SUM(LOWER(Username) = LOWER('"
                        + username + "')) FROM users_main")) {
            rs.next();
            id = rs.getLong(1);
            if (rs.getLong(2) > 0) {
                throw new RestoreException("--admin-username '" + username
                        + "' is taken by an account the restore created; choose another name");
            }
        }
        String password = random(random, 20);
        GazelleVariant variant = tables.variant();
        try (BatchedInserts out = new BatchedInserts(connection, 1, Long.MAX_VALUE)) {
            RowBuilder main = new RowBuilder("users_main", tables.columns("users_main"), variant)
                    .set("ID", id)
                    .set("Username", username)
                    .set("Email", "")
                    .set("PassHash", passwordHash(variant, password, random))
                    .set("Enabled", "1")
                    .set("Paranoia", UsersRestore.EMPTY_PHP_ARRAY)
                    .set("PermissionID", SYSOP_CLASS)
                    .set("torrent_pass", random(random, 32));
            if (variant == GazelleVariant.WHATCD) {
                main.set("Secret", random(random, 32)).writeTo(out);
                new RowBuilder("users_info", tables.columns("users_info"), variant)
                        .set("UserID", id)
                        .set("SiteOptions", UsersRestore.EMPTY_PHP_ARRAY)
                        .set("AuthKey", random(random, 32))
                        .set("AdminComment", "First administrator of the site rebuilt by herd restore from a mirror of '"
                                + origin + "'.")
                        .writeTo(out);
            } else {
                main.set("auth_key", random(random, 32)).writeTo(out);
            }
        }
        return new Created(id, username, password);
    }

    /** The PassHash the variant's login accepts for {@code password}. */
    static String passwordHash(GazelleVariant variant, String password, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String hashed = variant == GazelleVariant.OPS ? sha256Hex(password) : password;
        return OpenBSDBCrypt.generate("2y", hashed.toCharArray(), salt, BCRYPT_COST);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String random(SecureRandom random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }
}
