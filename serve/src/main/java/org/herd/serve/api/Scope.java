package org.herd.serve.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.herd.serve.catalogue.Origins;

/**
 * Which origin a request means. A mirror may hold several origins, and their ids overlap (group 5
 * of one site is not group 5 of another). Gazelle's clients know nothing of origins, so:
 * {@code origin=} names one; without it, {@code herd.serve.default-origin} applies when set;
 * otherwise an id the mirror holds in one origin only is that one, and an id it holds in several
 * is refused with the origins named. Lists (browse, requests, forums, top 10) span every origin
 * unless one is named, and name each entry's origin.
 */
public final class Scope {

    private final Origins origins;
    private final String defaultOrigin;

    public Scope(Origins origins, String defaultOrigin) {
        this.origins = origins;
        this.defaultOrigin = defaultOrigin;
    }

    /** The origin named by {@code origin=}, checked; empty when none is named. */
    public Optional<String> named(Params p) {
        Optional<String> named = p.raw("origin");
        if (named.isEmpty()) {
            return Optional.empty();
        }
        if (!origins.all().contains(named.get())) {
            throw new Failure("unknown origin " + Failure.quote(named.get()) + "; this mirror holds "
                    + String.join(", ", origins.all()));
        }
        return named;
    }

    /** The origins a list spans. */
    public List<String> list(Params p) {
        return named(p).map(List::of).orElseGet(origins::all);
    }

    /**
     * The one thing an id names: looked up in the named or default origin, or else in every origin.
     *
     * @param find   the lookup in one origin
     * @param absent the failure message when no origin holds it
     * @throws Failure when no origin holds it, or several do and none is named
     */
    public <T> Found<T> find(Params p, Function<String, Optional<T>> find, String absent) {
        Optional<String> named = named(p).or(() -> Optional.ofNullable(defaultOrigin));
        if (named.isPresent()) {
            return find.apply(named.get()).map(t -> new Found<>(named.get(), t)).orElseThrow(() -> new Failure(absent));
        }
        List<Found<T>> found = new ArrayList<>();
        for (String origin : origins.all()) {
            find.apply(origin).ifPresent(t -> found.add(new Found<>(origin, t)));
        }
        if (found.isEmpty()) {
            throw new Failure(absent);
        }
        if (found.size() > 1) {
            throw new Failure("the id names something in several origins (" + String.join(", ",
                    found.stream().map(Found::origin).toList()) + "): add origin= to say which");
        }
        return found.get(0);
    }

    /** Something found, with its origin. */
    public record Found<T>(String origin, T value) {
    }
}
