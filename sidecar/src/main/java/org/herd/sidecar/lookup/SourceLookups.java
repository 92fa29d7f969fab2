package org.herd.sidecar.lookup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.source.SourceJdbc;
import org.herd.translator.Translator;

/** Builds the {@link SourceLookup} a translator needs. */
public final class SourceLookups {

    /**
     * Rows kept in the lookup cache. Lookups go to parents (forums, topics, collages, requests),
     * far fewer than their children, but the cache follows every change of a looked-up table, so a
     * snapshot fills it with all of them up to this bound: a generated site of scale 0.02 held
     * 10,516 rows, about 570 bytes each with their values (forum topics, requests, collages).
     */
    public static final int CACHE_ROWS = 100_000;

    private SourceLookups() {
    }

    /** A lookup reading through the given connections, for the tables the translator maps. */
    public static SourceLookup of(Translator translator, SourceLookup.Connector connector) {
        GazelleCatalogue catalogue = GazelleCatalogue.of(translator.settings().variant());
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String table : translator.capturedColumns().keySet()) {
            keys.put(table, catalogue.table(table).map(TableDef::primaryKey).orElse(List.of()));
        }
        return new SourceLookup(connector, translator.capturedColumns(), keys, CACHE_ROWS);
    }

    /**
     * A lookup reading through one connection the caller owns and closes (an origin comparison);
     * do not close the lookup.
     */
    public static SourceLookup over(Translator translator, java.sql.Connection connection) {
        return of(translator, new SourceLookup.Connector() {
            @Override
            public java.sql.Connection connect() {
                return connection;
            }

            @Override
            public boolean owned() {
                return false;
            }
        });
    }

    /**
     * A lookup reading the sidecar's source database with the sidecar's own credentials, driver
     * settings and encryption: the connection start-up's inspection uses.
     */
    public static SourceLookup forSource(SidecarProperties properties, Translator translator) {
        return of(translator, () -> SourceJdbc.connect(properties));
    }
}
