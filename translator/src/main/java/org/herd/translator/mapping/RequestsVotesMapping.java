package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.Cascade;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * requests_votes publishes nothing of its own: who voted never leaves the origin. Every streamed
 * vote (a new vote, a raised bounty, a request's votes deleted with it) translates its request
 * again, whose record carries the vote count and bounty total (see {@link RequestsMapping}).
 */
public final class RequestsVotesMapping implements TableMapping {

    static final String TABLE = "requests_votes";

    @Override
    public String table() {
        return TABLE;
    }

    /** The entity its rows feed; no record of it comes from this table. */
    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST;
    }

    @Override
    public boolean publishes() {
        return false;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        throw new UnsupportedOperationException("requests_votes publishes no record of its own");
    }

    /** None: requests_votes publishes no entity (its rows feed the request totals only). */
    @Override
    public Map<String, KeySource> keySources() {
        return Map.of();
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        throw new UnsupportedOperationException("requests_votes publishes no record of its own");
    }

    @Override
    public List<Cascade> dependents(GazelleRow row) {
        return List.of(new Cascade(RequestsMapping.TABLE, Map.of("ID", row.requiredLong("RequestID"))));
    }
}
