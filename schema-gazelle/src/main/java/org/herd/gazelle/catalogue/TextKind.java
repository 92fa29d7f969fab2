package org.herd.gazelle.catalogue;

/**
 * What kind of text a public column holds, for the translator's text scrubbing: people paste
 * passkeys, download links, e-mail and IP addresses into what they write, and rip logs carry the
 * ripper's home directory. Only free text is scrubbed; everything else is published as stored.
 *
 * <p>Names and titles (artist and group names, edition titles, labels, catalogue numbers, tags,
 * file lists, collage names, request and topic titles) are {@link #NONE} on purpose. They identify
 * catalogue objects: mirrors search, link and verify by them, and a rewritten title renames the
 * object for good. They are short form fields that staff edit, where pasted secrets are rare, and
 * they hold exactly the shapes the rules would misread (an album called "10.0.0.1", "Live @
 * Fabric", a file named {@code cover@2x.png}). Image URLs (WikiImage, Image) are {@code NONE} too:
 * one link to an image host, not prose.
 */
public enum TextKind {
    /** Not free text: ids, codes, flags, dates, numbers, names, titles, tags, file lists, image URLs. */
    NONE,
    /** Free text people write or paste: BBCode descriptions, wiki bodies and edit summaries, posts, comments. */
    PROSE,
    /**
     * A rip log (EAC, XLD) as uploaded: free text whose lines a log checker reads, so its line layout
     * and its checksum and AccurateRip lines must survive the scrub.
     */
    RIP_LOG
}
