package org.herd.sidecar.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Replaces configured secret values (the database password, the pseudonym key, Kafka credentials) with
 * {@code ****} in any text before it is logged, whatever component produced the text.
 */
public final class SecretMasker {

    private final List<String> secrets = new ArrayList<>();

    public SecretMasker(SidecarProperties properties) {
        add(properties.source().password());
        add(properties.privacy().pseudonymKey());
        properties.kafka().connection().secrets().forEach(this::add);
        properties.debezium().forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).contains("password")) {
                add(v);
            }
        });
        // Longest first, so that a secret containing another is masked whole.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    private void add(String secret) {
        if (secret != null && secret.length() >= 3) {
            secrets.add(secret);
        }
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String s : secrets) {
            masked = masked.replace(s, "****");
        }
        return masked;
    }
}
