package org.herd.sidecar.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.herd.gazelle.CarriedUserReferences;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.translator.UserReferences;

/**
 * The user references the sidecar publishes: the operator's policy and key, and on a site rebuilt
 * from a mirror with {@code herd.sidecar.privacy.carried-references}, the pseudonyms the old site
 * published for the placeholder accounts the restore created, read once at start-up from
 * {@value CarriedUserReferences#TABLE}. The sidecar and {@code herd verify} both take them from here,
 * so that verify translates as the sidecar publishes.
 */
public final class SourceUsers {

    private SourceUsers() {
    }

    /**
     * @throws IllegalStateException when carried references are asked for and cannot be read; the
     *                               message names the table and the database, never a value
     */
    public static UserReferences references(SidecarProperties properties, SecretMasker masker) {
        UserReferences users = properties.privacy().userReferences();
        if (!properties.privacy().carriedReferences()) {
            return users;
        }
        Map<Long, String> carried;
        try (Connection c = SourceJdbc.connect(properties)) {
            carried = CarriedUserReferences.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException("herd.sidecar.privacy.carried-references is true but table "
                    + CarriedUserReferences.TABLE + " of database '" + properties.source().database() + "' at "
                    + properties.source().host() + ":" + properties.source().port() + " could not be read: "
                    + masker.mask(e.getMessage()), e);
        }
        return users.withCarried(carried);
    }
}
