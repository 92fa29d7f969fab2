package org.herd.bench;

/**
 * The browse phase's options, as {@link BenchCommand} parses them.
 *
 * @param enabled  whether the phase runs ({@code --no-browse} leaves it out)
 * @param requests measured browse requests, after a warm-up of a tenth as many
 * @param clients  client threads sending them at once
 */
public record BrowseOptions(boolean enabled, int requests, int clients) {

    public BrowseOptions {
        if (requests < 1) {
            throw new IllegalArgumentException("--browse-requests must be at least 1, got " + requests);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("--browse-clients must be at least 1, got " + clients);
        }
    }
}
