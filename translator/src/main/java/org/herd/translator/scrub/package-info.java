/**
 * Text scrubbing: the stage of the translator that removes secrets people write into public free
 * text (passkeys and keys in links, e-mail and IP addresses, the user names in home directories)
 * before a mapping reads the row, so that no record built from it carries them.
 *
 * <p>Every rule here is a hand-written scanner that reads the text left to right and does a bounded
 * amount of work per character, so a text of any size and shape is scrubbed in linear time; only
 * the operator's own patterns, and the search for the origin's host names, use a regular
 * expression, and those run on RE2/J, which does not backtrack. No class here keeps, logs or
 * reports the text it matched: results carry the scrubbed text and counts per rule, nothing else.
 *
 * <p>Entry points: {@link org.herd.translator.scrub.ScrubPolicy} (what the operator chose),
 * {@link org.herd.translator.scrub.TextScrubber} (one text), {@link org.herd.translator.scrub.FreeTextStage}
 * (the free-text columns of one row, as the translator applies it).
 */
package org.herd.translator.scrub;
