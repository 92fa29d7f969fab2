package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One release (Gazelle's torrent) as the mirror holds it.
 *
 * @param files the file list as the mirror's jsonb text ({@code [{"path":..,"size_bytes":..}]}), or null
 * @param logIds the release's rip logs, in id order (none as read for lists of results)
 */
public record Release(long id, long groupId, String media, String format, String encoding, boolean remastered,
        Long remasterYear, String remasterTitle, String remasterCatalogueNumber, String remasterRecordLabel,
        boolean scene, boolean hasLog, boolean hasCue, long logScore, long fileCount, long sizeBytes, String files,
        String freeleech, LocalDateTime uploadedAt, String description, String infoHash, List<Long> logIds) {

    /** Gazelle's edition key: releases with equal keys are one edition of a group. */
    public List<Object> edition() {
        return java.util.Arrays.asList(remastered, remasterYear, remasterTitle, remasterRecordLabel,
                remasterCatalogueNumber, media);
    }
}
