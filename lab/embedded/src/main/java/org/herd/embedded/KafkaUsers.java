package org.herd.embedded;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SCRAM users of a locked-down {@link EmbeddedKafka}: one administrator, who is the broker's
 * super user and its own inter-broker and controller identity, and the users a test acts as (a
 * sidecar's principal, a mirror's). Each gets a random password; the broker learns them when its
 * log dir is formatted, as {@code kafka-storage.sh format --add-scram} does, so they can log in
 * from the broker's first second on.
 */
public final class KafkaUsers {

    /** The SASL mechanism of every client connection. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final String admin;
    private final Map<String, String> passwords;

    private KafkaUsers(String admin, Map<String, String> passwords) {
        this.admin = admin;
        this.passwords = passwords;
    }

    /** Users with only an administrator named {@code admin}. */
    public static KafkaUsers withAdmin(String admin) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(checkName(admin), randomPassword());
        return new KafkaUsers(admin, passwords);
    }

    /** These users and {@code name}, with a random password; the administrator stays the same. */
    public KafkaUsers and(String name) {
        if (passwords.containsKey(checkName(name))) {
            throw new IllegalArgumentException("Kafka user " + name + " is already defined");
        }
        Map<String, String> more = new LinkedHashMap<>(passwords);
        more.put(name, randomPassword());
        return new KafkaUsers(admin, more);
    }

    public String admin() {
        return admin;
    }

    /** Every user, the administrator first, with its password. */
    public Map<String, String> passwords() {
        return Collections.unmodifiableMap(passwords);
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user + "; the users are " + passwords.keySet());
        }
        return password;
    }

    /** The ACL principal of {@code user}, as {@code kafka-acls.sh} and {@code super.users} write it. */
    public static String principal(String user) {
        return "User:" + user;
    }

    /**
     * The client properties of {@code user} on a listener without TLS: what a Herd application
     * takes as {@code herd.sidecar.kafka.properties.*} or {@code herd.mirror.kafka.properties.*}.
     */
    public Map<String, String> clientProperties(String user) {
        return clientProperties(user, password(user));
    }

    /** As {@link #clientProperties(String)} with any password, a wrong one included. */
    public static Map<String, String> clientProperties(String user, String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule", user,
                        password, ""));
    }

    /** A JAAS login line; names and passwords here never contain quotes (see {@link #NAME}). */
    static String jaasConfig(String module, String user, String password, String more) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\"" + more + ";";
    }

    /** The argument of {@code kafka-storage.sh format --add-scram} for {@code user}. */
    String scramArgument(String user) {
        return MECHANISM + "=[name=" + user + ",password=" + password(user) + "]";
    }

    @Override
    public String toString() {
        // Never the passwords.
        return "KafkaUsers[admin=" + admin + ", users=" + passwords.keySet() + "]";
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Kafka user name must match " + NAME + ": " + name);
        }
        return name;
    }

    private static String randomPassword() {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_CHARACTERS[RANDOM.nextInt(PASSWORD_CHARACTERS.length)];
        }
        return new String(password);
    }
}
