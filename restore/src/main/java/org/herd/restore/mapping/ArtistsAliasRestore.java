package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** artist_alias → artists_alias; who added the alias is not known (UserID 0). */
final class ArtistsAliasRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.ARTIST_ALIAS;
    }

    @Override
    public List<String> tables() {
        return List.of("artists_alias");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("artists_alias")
                .set("AliasID", row.id("alias_id"))
                .set("ArtistID", row.id("artist_id"))
                .text("Name", row.text("name"))
                .number("Redirect", row.number("redirect_alias_id"))
                .nobody("UserID"));
    }
}
