package org.herd.archive;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an archive holds, before it is written: the trust root files as the trustees signed them,
 * the checkpoint (value bytes and signature) that sets the cut, and per entity the live records at
 * the cut exactly as signed, given one entity at a time ({@link ArchiveEntities}). Where it came
 * from (Kafka, a mirror) does not matter: an archive needs no trust in whoever made it.
 *
 * @param rootFiles       trust root files, version 1 first, bytes as published
 * @param checkpointValue the checkpoint's value bytes (canonical JSON) as published
 * @param checkpointKeyId the checkpoint's {@code herd-key-id}
 * @param checkpointSig   the checkpoint's {@code herd-sig}
 * @param entities        per entity, its records; every entity of the checkpoint, empty ones too
 */
public record ArchiveContent(List<byte[]> rootFiles, byte[] checkpointValue, String checkpointKeyId,
        byte[] checkpointSig, ArchiveEntities entities) {

    public ArchiveContent {
        rootFiles = List.copyOf(rootFiles);
        Objects.requireNonNull(checkpointValue, "checkpointValue");
        Objects.requireNonNull(checkpointKeyId, "checkpointKeyId");
        Objects.requireNonNull(checkpointSig, "checkpointSig");
        Objects.requireNonNull(entities, "entities");
    }

    /** Content whose records are in memory already. */
    public ArchiveContent(List<byte[]> rootFiles, byte[] checkpointValue, String checkpointKeyId, byte[] checkpointSig,
            Map<String, List<ArchiveRecord>> entities) {
        this(rootFiles, checkpointValue, checkpointKeyId, checkpointSig, ArchiveEntities.of(entities));
    }
}
