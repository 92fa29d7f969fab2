package org.herd.translator.scrub;

/**
 * The tokens that replace what the rules find. Square brackets, as BBCode readers are used to,
 * and a word saying what was there, so the text still reads: "announce to
 * https://tracker.example:34000/[passkey]/announce", "ripped in C:\Users\[user]\Music".
 */
public final class Tokens {

    /** A BitTorrent passkey: the key in an announce URL, {@code passkey=} and {@code torrent_pass=} values. */
    public static final String PASSKEY = "[passkey]";
    /** Any other key of the site: {@code authkey=}, {@code auth=}, keys in the origin's own links. */
    public static final String KEY = "[key]";
    public static final String EMAIL = "[email]";
    /** An IPv4 or IPv6 address. */
    public static final String IP = "[ip]";
    /** The user-name segment of a home directory. */
    public static final String USER = "[user]";

    private Tokens() {
    }

    /** The token of an operator's pattern named {@code name}. */
    public static String of(String name) {
        return "[" + name + "]";
    }
}
