package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BbCodeTest {

    @Test
    void escapesEverythingTheAuthorWrote() {
        assertThat(BbCode.toHtml("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(BbCode.toHtml(null)).isEmpty();
    }

    @Test
    void rendersTheSafeSubset() {
        assertThat(BbCode.toHtml("[b]bold[/b] [i]it[/i] [u]u[/u] [s]gone[/s] [code]x[/code]"))
                .isEqualTo("<strong>bold</strong> <em>it</em> <u>u</u> <del>gone</del> <code>x</code>");
        assertThat(BbCode.toHtml("[quote=Ann]hi [quote]inner[/quote][/quote]"))
                .isEqualTo("<blockquote><cite>Ann wrote:</cite>hi <blockquote>inner</blockquote></blockquote>");
        assertThat(BbCode.toHtml("a\nb")).isEqualTo("a<br>\nb");
    }

    @Test
    void linksAreHttpOnlyAndImagesAreLinks() {
        assertThat(BbCode.toHtml("[url]https://example.org/a?b=1&c=2[/url]"))
                .isEqualTo("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">"
                        + "https://example.org/a?b=1&amp;c=2</a>");
        assertThat(BbCode.toHtml("[url=javascript:alert(1)]x[/url]")).isEqualTo("[url=javascript:alert(1)]x[/url]");
        assertThat(BbCode.toHtml("[url=http://x.org\" onmouseover=\"a]x[/url]")).doesNotContain("<a ");
        assertThat(BbCode.toHtml("[img]https://img.example/c.jpg[/img]"))
                .isEqualTo("<a href=\"https://img.example/c.jpg\" rel=\"nofollow noopener noreferrer\">[image]</a>")
                .doesNotContain("<img");
    }

    @Test
    void artistsBecomeSearchesAndPresentationTagsGo() {
        assertThat(BbCode.toHtml("[artist]Simon & Garfunkel[/artist]"))
                .isEqualTo("<a href=\"index.php?artistname=Simon+%26+Garfunkel\">Simon &amp; Garfunkel</a>");
        assertThat(BbCode.toHtml("[size=4][color=red]big[/color][/size]")).isEqualTo("big");
    }

    @Test
    void unclosedTagsStayText() {
        assertThat(BbCode.toHtml("[b]open")).isEqualTo("[b]open");
        assertThat(BbCode.toHtml("[quote]open")).isEqualTo("[quote]open");
    }
}
