package org.herd.replicator;

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
 */
@ConfigurationProperties("herd.mirror.first-copy")
@Validated
public record MirrorFirstCopyProperties(@DefaultValue("true") boolean deferIndexes) {
}
