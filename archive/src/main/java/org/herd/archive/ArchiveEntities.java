package org.herd.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The records an archive holds, one entity at a time: the writer asks for each entity's records
 * when it writes that entity's file and lets them go after, so that a source that reads them on
 * demand ({@link KafkaArchiveSource}) holds one entity in memory, not the whole catalogue.
 */
public interface ArchiveEntities {

    /** Every entity the archive holds a file for, empty ones included. */
    SortedSet<String> names();

    /**
     * The entity's live records at the cut, exactly as signed, sorted by key bytes (unsigned).
     *
     * @throws ArchiveException when they are not what the checkpoint states
     */
    List<ArchiveRecord> records(String entity);

    /** Records already in memory, sorted here. */
    static ArchiveEntities of(Map<String, List<ArchiveRecord>> entities) {
        TreeMap<String, List<ArchiveRecord>> sorted = new TreeMap<>();
        entities.forEach((name, records) -> {
            List<ArchiveRecord> copy = new ArrayList<>(records);
            copy.sort((a, b) -> ArchiveRecord.compareKeys(a.key(), b.key()));
            sorted.put(name, Collections.unmodifiableList(copy));
        });
        return new ArchiveEntities() {
            @Override
            public SortedSet<String> names() {
                return Collections.unmodifiableSortedSet(new TreeSet<>(sorted.keySet()));
            }

            @Override
            public List<ArchiveRecord> records(String entity) {
                List<ArchiveRecord> records = sorted.get(entity);
                if (records == null) {
                    throw new IllegalArgumentException("no entity " + entity + " in this archive content");
                }
                return records;
            }
        };
    }
}
