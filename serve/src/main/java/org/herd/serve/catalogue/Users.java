package org.herd.serve.catalogue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Authors as the origin published them (docs/wire-format.md, entity user): under the policy
 * "public" a reference is the Gazelle user id and a user row names it; under "pseudonymous" a
 * reference is a pseudonym and no name exists; under "none" there is no reference at all.
 */
public final class Users {

    /**
     * One author as Gazelle's API shows one.
     *
     * @param id   the Gazelle user id when the origin publishes ids, else 0 (Gazelle's "no user")
     * @param name the user name when published; else the pseudonym; else ""
     */
    public record Author(long id, String name) {
        public static final Author NONE = new Author(0, "");
    }

    private final JdbcTemplate jdbc;

    public Users(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The authors behind {@code refs} (nulls allowed), by reference. */
    public Map<String, Author> authors(String origin, Collection<String> refs) {
        Map<String, Author> out = new HashMap<>();
        String[] wanted = refs.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
        if (wanted.length == 0) {
            return out;
        }
        Map<String, String> names = new HashMap<>();
        jdbc.query("SELECT user_ref, username FROM herd.user_live WHERE origin = ? AND user_ref = ANY (?)",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, origin, wanted);
        for (String ref : wanted) {
            long id = ref.matches("[1-9][0-9]{0,17}") ? Long.parseLong(ref) : 0;
            String name = names.get(ref);
            out.put(ref, new Author(id, name != null ? name : id == 0 ? ref : ""));
        }
        return out;
    }

    public Author author(String origin, String ref) {
        if (ref == null) {
            return Author.NONE;
        }
        return authors(origin, java.util.List.of(ref)).getOrDefault(ref, Author.NONE);
    }
}
