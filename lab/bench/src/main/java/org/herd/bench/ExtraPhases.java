package org.herd.bench;

/**
 * The phases a full run leaves out unless asked, each a minute or more at the default scale, as
 * {@link BenchCommand} parses them.
 *
 * @param archive   {@code --archive}: an archive made, verified and a mirror born from it ({@link ArchivePhase})
 * @param scrubCost {@code --scrub-cost}: a second snapshot with text scrubbing off ({@link ScrubCostPhase})
 */
public record ExtraPhases(boolean archive, boolean scrubCost) {
}
