package org.herd.serve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gazelle's text is raw BBCode written by users. It is shown as HTML only through this class: the
 * whole text is HTML-escaped first, so no markup of the author's survives, and then a small subset
 * of BBCode becomes markup again: [b], [i], [u], [s], [quote], [quote=name], [code], [pre],
 * [url], [url=...], [artist] (a search for the artist) and [img] (a link to the image, never an
 * image: a mirror does not fetch third parties' images into its readers' browsers). Links are
 * only http(s) or the site's own search. Presentation tags ([size], [color], [align], [font])
 * are dropped, keeping their text; any other tag stays as the text it is.
 */
public final class BbCode {

    private static final Pattern URL_TAG = Pattern.compile("\\[url\\](https?://[^\\[\\s\"<>']+)\\[/url\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_NAMED = Pattern.compile("\\[url=(https?://[^\\]\\s\"<>']+)\\](.*?)\\[/url\\]",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern IMG = Pattern.compile("\\[img\\](https?://[^\\[\\s\"<>']+)\\[/img\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IMG_EQ = Pattern.compile("\\[img=(https?://[^\\]\\s\"<>']+)\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ARTIST = Pattern.compile("\\[artist\\]([^\\[]{1,200})\\[/artist\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PRESENTATION = Pattern.compile("\\[(size|color|colour|align|font)=[^\\]]{1,40}\\]"
            + "|\\[/(size|color|colour|align|font)\\]", Pattern.CASE_INSENSITIVE);
    private static final String[][] INLINE = {{"b", "strong"}, {"i", "em"}, {"u", "u"}, {"s", "del"}, {"code", "code"},
        {"pre", "pre"}};

    private BbCode() {
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The text as safe HTML. Null is empty. */
    public static String toHtml(String bbcode) {
        if (bbcode == null || bbcode.isEmpty()) {
            return "";
        }
        String s = escape(bbcode);
        for (String[] tag : INLINE) {
            s = pair(s, tag[0], "<" + tag[1] + ">", "</" + tag[1] + ">");
        }
        s = replace(URL_NAMED, s, m -> link(m.group(1), m.group(2)));
        s = replace(URL_TAG, s, m -> link(m.group(1), m.group(1)));
        s = replace(IMG, s, m -> link(m.group(1), "[image]"));
        s = replace(IMG_EQ, s, m -> link(m.group(1), "[image]"));
        s = replace(ARTIST, s, m -> "<a href=\"index.php?artistname=" + java.net.URLEncoder.encode(unescape(m.group(1)),
                java.nio.charset.StandardCharsets.UTF_8) + "\">" + m.group(1) + "</a>");
        s = PRESENTATION.matcher(s).replaceAll("");
        s = balancedQuotes(s);
        return s.replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    /** The text {@link #escape} escaped. */
    private static String unescape(String escaped) {
        return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String link(String escapedUrl, String escapedText) {
        return "<a href=\"" + escapedUrl + "\" rel=\"nofollow noopener noreferrer\">" + escapedText + "</a>";
    }

    /** [tag]...[/tag] pairs, only when both are present (an unclosed tag stays text). */
    private static String pair(String s, String tag, String open, String close) {
        Pattern p = Pattern.compile("\\[" + tag + "\\](.*?)\\[/" + tag + "\\]", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        String before;
        String after = s;
        do {
            before = after;
            after = replace(p, before, m -> open + m.group(1) + close);
        } while (!after.equals(before));
        return after;
    }

    /** Quotes nest; each opening tag with a closing one becomes a blockquote. */
    private static String balancedQuotes(String s) {
        String before;
        String after = s;
        Pattern plainQuote = Pattern.compile("\\[quote\\]((?:(?!\\[quote).)*?)\\[/quote\\]",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        Pattern namedQuote = Pattern.compile("\\[quote=([^\\]]{1,100})\\]((?:(?!\\[quote).)*?)\\[/quote\\]",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        do {
            before = after;
            after = replace(plainQuote, before, m -> "<blockquote>" + m.group(1) + "</blockquote>");
            after = replace(namedQuote, after, m -> "<blockquote><cite>" + m.group(1) + " wrote:</cite>" + m.group(2)
                    + "</blockquote>");
        } while (!after.equals(before));
        return after;
    }

    private interface Replacer {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String s, Replacer r) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(r.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
