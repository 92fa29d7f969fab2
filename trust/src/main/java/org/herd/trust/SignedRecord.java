package org.herd.trust;

import java.util.Objects;

/**
 * A record's signature, ready to publish: the headers to add to the Kafka record (key id, the
 * signature of its batch's root and its proof), and the statement they cover, from which the
 * sidecar updates its {@link DigestIndex}.
 */
public record SignedRecord(RecordStatement statement, SignatureHeaders headers) {

    public SignedRecord {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(headers, "headers");
    }
}
