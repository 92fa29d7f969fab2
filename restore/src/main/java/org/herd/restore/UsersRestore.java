package org.herd.restore;

import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * Writes the placeholder accounts of a {@link UserPlan}: users_main rows (and WhatCD's users_info
 * rows, without which WhatCD's code does not treat a row as a user) that nobody can log in to.
 * No e-mail, an empty password hash (both variants' password checks refuse it), no passkey, no
 * secret, no IP address, and Enabled = '2' (disabled), which both variants' login and tracker
 * refuse; the class is User (PermissionID 2 on both). Staff can enable an account later, once its
 * owner proves who they are, and give it an e-mail address and a password.
 */
public final class UsersRestore {

    /** PermissionID of the lowest user class, User, in both variants' seeded permissions. */
    static final long USER_CLASS = 2;
    /** users_main.Enabled of a disabled account. */
    static final String DISABLED = "2";
    /** PHP's serialisation of an empty array: what Gazelle unserialises its option columns from. */
    static final String EMPTY_PHP_ARRAY = "a:0:{}";

    private UsersRestore() {
    }

    public static void write(UserPlan plan, String origin, RestoreContext context) {
        for (UserPlan.Account a : plan.accounts()) {
            RowBuilder main = context.row("users_main")
                    .set("ID", a.id())
                    .set("Username", a.username())
                    .set("Email", "")
                    .set("PassHash", "")
                    .set("Enabled", DISABLED)
                    .set("Paranoia", EMPTY_PHP_ARRAY)
                    .set("PermissionID", USER_CLASS)
                    .set("can_leech", 0L)
                    .set("torrent_pass", "");
            if (context.variant() == GazelleVariant.WHATCD) {
                context.write(main.set("Secret", ""));
                context.write(context.row("users_info")
                        .set("UserID", a.id())
                        .set("SiteOptions", EMPTY_PHP_ARRAY)
                        .set("AdminComment", note(a, origin)));
            } else {
                context.write(main.set("auth_key", ""));
            }
        }
    }

    /** The staff note on a placeholder: what it stands for. */
    static String note(UserPlan.Account a, String origin) {
        String what = switch (a.kind()) {
            case PUBLIC_USER -> "user " + a.id() + " of '" + origin + "', as its mirror published them";
            case PSEUDONYMOUS_AUTHOR -> "the author '" + a.carried() + "' of '" + origin
                    + "', published under a pseudonym";
            case VOTER -> "one of the anonymous voters of requests of '" + origin
                    + "' (mirrors hold only each request's vote count and bounty)";
        };
        return "Placeholder account created by herd restore for " + what
                + ". Disabled; no e-mail, password or passkey.";
    }
}
