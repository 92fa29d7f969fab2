package org.herd.trust;

import java.util.Objects;

/**
 * A record's signature, ready to publish: the headers to add to the Kafka record, and the
 * statement they sign, from which the sidecar updates its {@link DigestIndex}.
 */
public record SignedRecord(RecordStatement statement, SignatureHeaders headers) {

    public SignedRecord {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(headers, "headers");
    }
}
