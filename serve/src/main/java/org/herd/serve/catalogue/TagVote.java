package org.herd.serve.catalogue;

/** A tag on a release group with its votes. */
public record TagVote(long tagId, String name, long positive, long negative) {

    /** Gazelle's display of a tag name: stored with '.' between words. */
    public String name() {
        return name == null ? "" : name;
    }
}
