package org.herd.serve.catalogue;

/**
 * An artist credited on a release group or named by a request, under an alias, in a role.
 *
 * @param aliasId  the alias credited
 * @param artistId the alias's artist (on OPS the credit names only the alias; the artist is the alias's)
 * @param name     the alias's name, as Gazelle shows a credit
 * @param role     main, guest, remixer, composer, conductor, dj_compiler, producer or arranger
 */
public record Credit(long aliasId, long artistId, String name, String role) {
}
