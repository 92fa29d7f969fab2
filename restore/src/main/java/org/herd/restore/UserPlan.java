package org.herd.restore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.herd.translator.UserReferences;

/**
 * The accounts a restored site gets for the users its mirror names, with a stable id for each.
 * Nothing about a user reaches a mirror but a reference (and, under the public user policy, the
 * user name), so every account is a placeholder: no e-mail, password, passkey or address.
 *
 * <ul>
 * <li>A reference that is a decimal number is a user id the old site published (user policy
 * {@code public}): the account keeps that id, and the user name the mirror's {@code user} entity
 * holds ({@code user_<id>} when it holds none).</li>
 * <li>Any other reference is a pseudonym: the account gets an id above every published one, in the
 * pseudonyms' sorted order, the first 20 characters of the pseudonym as its name (Gazelle's
 * longest user name; a pseudonym is 26 base32 characters, so 100 bits remain), and the pseudonym
 * itself as its carried reference ({@code herd_user_reference}).</li>
 * <li>Request votes reach mirrors only as each request's count and bounty total, so the votes are
 * cast by voter accounts {@code herd_voter_1} ... {@code herd_voter_<n>}, as many as the most votes
 * one request has, ids after the pseudonyms'.</li>
 * </ul>
 */
public final class UserPlan {

    /** What an account stands for. */
    public enum Kind {
        /** A user the old site published by id and name. */
        PUBLIC_USER,
        /** A pseudonymous author. */
        PSEUDONYMOUS_AUTHOR,
        /** One of the anonymous voters of request votes. */
        VOTER
    }

    /**
     * One placeholder account.
     *
     * @param carried the pseudonym the account keeps, or null
     */
    public record Account(long id, String username, String carried, Kind kind) {
    }

    /** Gazelle's users_main.ID is an int: the largest id a public reference may name. */
    static final long MAX_ID = Integer.MAX_VALUE;
    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]{0,9}");
    static final int MAX_USERNAME = 20;
    static final String VOTER_PREFIX = "herd_voter_";

    private final Map<String, Long> ids;
    private final List<Account> accounts;
    private final List<Long> voters;

    private UserPlan(Map<String, Long> ids, List<Account> accounts, List<Long> voters) {
        this.ids = ids;
        this.accounts = accounts;
        this.voters = voters;
    }

    /** A plan with no users: a mirror that names none. */
    public static UserPlan empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The account id that stands for a reference; 0 (Gazelle's "nobody") for null. */
    public long id(String reference) {
        if (reference == null) {
            return 0;
        }
        Long id = ids.get(reference);
        if (id == null) {
            throw new RestoreException("user reference '" + reference + "' was not seen when the users were planned");
        }
        return id;
    }

    /** The id of the {@code k}-th voter, from 1. */
    public long voter(int k) {
        if (k < 1 || k > voters.size()) {
            throw new RestoreException("voter " + k + " was not planned (" + voters.size() + " voters)");
        }
        return voters.get(k - 1);
    }

    /** Every account, by id. */
    public List<Account> accounts() {
        return accounts;
    }

    public long count(Kind kind) {
        return accounts.stream().filter(a -> a.kind() == kind).count();
    }

    /** The largest id planned; 0 when none. */
    public long maxId() {
        return accounts.stream().mapToLong(Account::id).max().orElse(0);
    }

    /** Collects what the mirror says about users before any row is written. */
    public static final class Builder {

        private final TreeSet<String> references = new TreeSet<>();
        private final Map<String, String> publicNames = new HashMap<>();
        private long votes;

        /** A reference seen in an author, owner, requester or filler field. */
        public Builder reference(String reference) {
            if (reference != null) {
                references.add(reference);
            }
            return this;
        }

        /** A row of the {@code user} entity: published id and name. */
        public Builder publicUser(String reference, String username) {
            references.add(Objects.requireNonNull(reference, "reference"));
            publicNames.put(reference, username);
            return this;
        }

        /** The vote count of one request. */
        public Builder votes(long count) {
            votes = Math.max(votes, count);
            return this;
        }

        public UserPlan build() {
            Map<String, Long> ids = new HashMap<>();
            List<Account> accounts = new ArrayList<>();
            List<String> pseudonyms = new ArrayList<>();
            long maxPublic = 0;
            for (String ref : references) {
                if (DECIMAL.matcher(ref).matches() && Long.parseLong(ref) <= MAX_ID) {
                    long id = Long.parseLong(ref);
                    ids.put(ref, id);
                    String name = publicNames.get(ref);
                    accounts.add(new Account(id, name == null || name.isEmpty() ? "user_" + id : name, null,
                            Kind.PUBLIC_USER));
                    maxPublic = Math.max(maxPublic, id);
                } else if (UserReferences.PSEUDONYM.matcher(ref).matches()) {
                    pseudonyms.add(ref);
                } else {
                    throw new RestoreException("user reference '" + ref + "' is neither a user id nor a pseudonym");
                }
            }
            long next = maxPublic + 1;
            for (String p : pseudonyms) {
                ids.put(p, next);
                accounts.add(new Account(next++, p.substring(0, MAX_USERNAME), p, Kind.PSEUDONYMOUS_AUTHOR));
            }
            List<Long> voters = new ArrayList<>();
            for (long k = 1; k <= votes; k++) {
                voters.add(next);
                accounts.add(new Account(next++, VOTER_PREFIX + k, null, Kind.VOTER));
            }
            if (next - 1 > MAX_ID) {
                throw new RestoreException("the accounts need ids up to " + (next - 1)
                        + ", beyond Gazelle's users_main.ID (" + MAX_ID + ")");
            }
            Map<String, Account> byName = new LinkedHashMap<>();
            for (Account a : accounts) {
                // users_main.Username is unique in the table's case-insensitive collation.
                Account other = byName.put(a.username().toLowerCase(Locale.ROOT), a);
                if (other != null) {
                    throw new RestoreException("user names collide: account " + other.id() + " and account " + a.id()
                            + " would both be named '" + a.username() + "'");
                }
            }
            accounts.sort((a, b) -> Long.compare(a.id(), b.id()));
            return new UserPlan(Map.copyOf(ids), Collections.unmodifiableList(accounts), List.copyOf(voters));
        }
    }
}
