package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * users_main → user: id and name only, and only under the {@code public} user policy (the
 * translator registers this mapping for no other). Every other column of users_main is private;
 * the tracker's transfer-total flushes touch none of the two and so publish nothing.
 */
public final class UsersMainMapping implements TableMapping {

    @Override
    public String table() {
        return "users_main";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.USER;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        String ref = row.user("ID");
        if (ref == null) {
            throw row.fail("ID", "is 0 or NULL, which names no user");
        }
        return FieldValues.key(entity()).put("user_ref", ref).build();
    }

    /** user_ref is the decimal ID: users are published only under the public user policy. */
    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("user_ref", KeySource.userReference("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).put("username", row.emptyAsNull("Username")).build();
    }
}
