package org.herd.serve.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search text as PostgreSQL full-text queries, safe whatever the text holds. The words are split
 * where Gazelle splits them (spaces); each word becomes one tsquery built by PostgreSQL's own
 * parser (the one that made the indexed documents) from its lexemes, every lexeme quoted and
 * matched as a prefix. Operators a client types ({@code & | ! ( ) :*}) are never parsed as tsquery
 * syntax: they are either dropped by the parser or end up inside a quoted lexeme.
 */
public final class TextQuery {

    /**
     * The SQL of one word's query, with the word as its one parameter: the word's lexemes, each
     * quoted (quotes and backslashes escaped as tsquery input requires) and marked as a prefix,
     * joined by AND.
     */
    public static final String SQL = "to_tsquery('simple', (SELECT string_agg('''' || replace(replace(l, '\\', '\\\\'),"
            + " '''', '''''') || ''':*', ' & ') FROM unnest(tsvector_to_array(to_tsvector('simple', ?::text))) l))";

    /**
     * A word a client typed, and whether it excludes (Gazelle's {@code !word}).
     *
     * @param word the word without its '!'
     */
    public record Word(String word, boolean excluded) {
    }

    private TextQuery() {
    }

    /**
     * The words of a search text: split on white space; a word with no letter or digit in it is
     * dropped (it would match everything or nothing); {@code !word} excludes, as on Gazelle. At
     * most 20 words are kept.
     */
    public static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : text.strip().split("\\s+")) {
            boolean excluded = w.length() >= 2 && w.charAt(0) == '!' && w.indexOf('!', 1) < 0;
            String word = excluded ? w.substring(1) : w;
            if (word.codePoints().anyMatch(Character::isLetterOrDigit)) {
                out.add(new Word(word.toLowerCase(Locale.ROOT), excluded));
            }
            if (out.size() == 20) {
                break;
            }
        }
        return out;
    }
}
