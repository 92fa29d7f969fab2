package org.herd.replicator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a mirror makes its first copy (docs/mirror.md, "First copy by COPY").
 *
 * @param deferIndexes Whether a mirror that starts empty drops the secondary indexes of its entity
 *                     tables (search and browse indexes; never primary keys or unique constraints)
 *                     and builds each once after the first copy, when the mirror has passed a
 *                     checkpoint taken after the origin's snapshot was complete, instead of
 *                     maintaining them row by row. Only a mirror that verifies defers them: the
 *                     signal is a signed checkpoint.
 * @param indexBuilders How many deferred indexes are built at the same time, each on its own
 *                     connection, once the first copy is complete. PostgreSQL builds a GIN index
 *                     (full text, trigrams) on one core, and the one over the releases' file lists
 *                     takes half of the build: two builders keep two cores busy. 1 to 16.
 */
@ConfigurationProperties("herd.mirror.first-copy")
@Validated
public record MirrorFirstCopyProperties(
        @DefaultValue("true") boolean deferIndexes,
        @DefaultValue("2")
        @Min(value = 1, message = "herd.mirror.first-copy.index-builders must be 1 to 16")
        @Max(value = 16, message = "herd.mirror.first-copy.index-builders must be 1 to 16") int indexBuilders) {
}
