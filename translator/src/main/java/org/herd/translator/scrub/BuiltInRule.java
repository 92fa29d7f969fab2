package org.herd.translator.scrub;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The scrubbing rules Herd brings, by the names policies and counts use. Each is a class of its
 * own, documented there with what it finds and what it leaves; all are on by default.
 */
public enum BuiltInRule {
    /** Passkeys in announce and scrape URLs ({@link AnnounceUrlRule}): {@code [passkey]}. */
    ANNOUNCE_URL(AnnounceUrlRule.NAME, hosts -> new AnnounceUrlRule()),
    /** {@code passkey=}, {@code torrent_pass=}, {@code authkey=}, {@code auth=} values ({@link KeyParameterRule}). */
    KEY_PARAMETER(KeyParameterRule.NAME, hosts -> new KeyParameterRule()),
    /** Keys in links to the origin's own hosts ({@link OriginUrlRule}): {@code [key]}; needs the hosts. */
    ORIGIN_URL(OriginUrlRule.NAME, OriginUrlRule::new),
    /** E-mail addresses ({@link EmailRule}): {@code [email]}. */
    EMAIL(EmailRule.NAME, hosts -> new EmailRule()),
    /** IPv4 addresses ({@link Ipv4Rule}): {@code [ip]}. */
    IPV4(Ipv4Rule.NAME, hosts -> new Ipv4Rule()),
    /** IPv6 addresses ({@link Ipv6Rule}): {@code [ip]}. */
    IPV6(Ipv6Rule.NAME, hosts -> new Ipv6Rule()),
    /** User names in home directories ({@link HomeDirectoryRule}): {@code [user]}. */
    HOME_DIRECTORY(HomeDirectoryRule.NAME, hosts -> new HomeDirectoryRule());

    private final String ruleName;
    private final Function<List<String>, TextRule> factory;

    BuiltInRule(String ruleName, Function<List<String>, TextRule> factory) {
        this.ruleName = ruleName;
        this.factory = factory;
    }

    /** The rule's name in counts and configuration, e.g. {@code home-directory}. */
    public String ruleName() {
        return ruleName;
    }

    TextRule create(List<String> originHosts) {
        return factory.apply(originHosts);
    }

    /** The rule of a name as {@link #ruleName()} spells it (any case), for configuration. */
    public static BuiltInRule named(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (BuiltInRule r : values()) {
            if (r.ruleName.equals(wanted)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no text-scrubbing rule '" + name + "'; the rules are "
                + java.util.Arrays.stream(values()).map(BuiltInRule::ruleName).toList());
    }
}
