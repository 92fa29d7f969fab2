package org.herd.gazelle.catalogue;

/** The Gazelle code bases whose databases Herd reads. */
public enum GazelleVariant {
    /** The original what.cd code (2016): MySQL 5 era, utf8mb3, zero dates, code lists in config. */
    WHATCD,
    /** The maintained OPS fork: MySQL 8, utf8mb4, artist aliases as primary names, soft deletes. */
    OPS
}
