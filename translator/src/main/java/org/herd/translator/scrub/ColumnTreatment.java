package org.herd.translator.scrub;

import java.util.Locale;

/** What becomes of one free-text column's value before a mapping reads it. */
public enum ColumnTreatment {
    /** The rules replace what they find (the default for every free-text column). */
    SCRUB,
    /** Published as stored: the operator vouches for the column (nothing is counted). */
    KEEP,
    /**
     * Not published: the value becomes null, and so does the field it fills. Every neutral field
     * filled from a free-text column is nullable, and the translator refuses the policy otherwise.
     */
    DROP;

    /** The treatment's name in configuration: {@code scrub}, {@code keep} or {@code drop}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The treatment of a configuration name (any case). */
    public static ColumnTreatment named(String name) {
        for (ColumnTreatment t : values()) {
            if (t.configName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("no column treatment '" + name + "'; use scrub, keep or drop");
    }
}
