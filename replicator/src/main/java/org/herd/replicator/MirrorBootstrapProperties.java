package org.herd.replicator;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Loading an empty mirror from an archive before the stream starts (docs/archive.md,
 * {@link ArchiveBootstrap}).
 *
 * @param archive   Directory of an archive (herd archive create) to load the mirror from before it
 *                  reads the stream: verified, then copied with COPY. Only an empty mirror is
 *                  loaded; one loaded from the same archive before starts as usual. The archive
 *                  is verified against the root of herd.mirror.trust.root-file.
 */
@ConfigurationProperties("herd.mirror.bootstrap")
@Validated
public record MirrorBootstrapProperties(Path archive) {
}
