package org.herd.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an archive holds, before it is written: the trust root files as the trustees signed them,
 * the checkpoint (value bytes and signature) that sets the cut, and per entity the live records at
 * the cut exactly as signed. Where it came from (Kafka, a mirror) does not matter: an archive needs
 * no trust in whoever made it.
 *
 * @param rootFiles       trust root files, version 1 first, bytes as published
 * @param checkpointValue the checkpoint's value bytes (canonical JSON) as published
 * @param checkpointKeyId the checkpoint's {@code herd-key-id}
 * @param checkpointSig   the checkpoint's {@code herd-sig}
 * @param entities        per entity, its records; every entity of the checkpoint, empty ones too
 */
public record ArchiveContent(List<byte[]> rootFiles, byte[] checkpointValue, String checkpointKeyId,
        byte[] checkpointSig, SortedMap<String, List<ArchiveRecord>> entities) {

    public ArchiveContent {
        rootFiles = List.copyOf(rootFiles);
        Objects.requireNonNull(checkpointValue, "checkpointValue");
        Objects.requireNonNull(checkpointKeyId, "checkpointKeyId");
        Objects.requireNonNull(checkpointSig, "checkpointSig");
        TreeMap<String, List<ArchiveRecord>> sorted = new TreeMap<>();
        entities.forEach((name, records) -> {
            List<ArchiveRecord> copy = new ArrayList<>(records);
            copy.sort((a, b) -> ArchiveRecord.compareKeys(a.key(), b.key()));
            sorted.put(name, Collections.unmodifiableList(copy));
        });
        entities = Collections.unmodifiableSortedMap(sorted);
    }

    /** How many records in all. */
    public long records() {
        return entities.values().stream().mapToLong(List::size).sum();
    }
}
