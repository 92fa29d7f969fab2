package org.herd.archive;

/** Where each part of an archive lives in its directory; docs/archive.md describes the same. */
public final class ArchiveLayout {

    /** The text for people at the top of the archive. */
    public static final String README = "README.txt";
    /** The checkpoint's value bytes, exactly as published: canonical JSON. */
    public static final String CHECKPOINT = "checkpoint.json";
    /** The checkpoint's signature headers as JSON: {@code key_id} and {@code sig} (base64). */
    public static final String CHECKPOINT_SIGNATURE = "checkpoint.sig.json";
    /** The directory of the trust root files. */
    public static final String TRUST_DIR = "trust";
    /** The directory of the entity files. */
    public static final String ENTITIES_DIR = "entities";
    /** The entity files' suffix: zstd-compressed JSON Lines. */
    public static final String ENTITY_SUFFIX = ".jsonl.zst";

    private ArchiveLayout() {
    }

    /** {@code trust/root-v<version>.json}. */
    public static String trustRoot(int version) {
        return TRUST_DIR + "/root-v" + version + ".json";
    }

    /** {@code entities/<entity>.jsonl.zst}. */
    public static String entity(String entity) {
        return ENTITIES_DIR + "/" + entity + ENTITY_SUFFIX;
    }
}
