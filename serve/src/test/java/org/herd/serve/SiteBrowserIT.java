package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The site in a real browser (Debian's chromium, driven through chromedriver): search, then an
 * artist, then a release group, then the status page, then every other page; each page's content
 * is checked and its screenshot kept ({@link #SCREENSHOTS}). The search shows the origin facet
 * with both origins of the generated mirror.
 *
 * <p>Needs /usr/bin/chromium and /usr/bin/chromedriver ({@code apt-get install chromium
 * chromium-driver}). Without them the test is skipped, unless the environment variable CI is
 * "true": then it fails, so that CI cannot pass without it.
 */
class SiteBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Where the screenshots go: target/screenshots, so that running the tests leaves the checkout
     * as it was; with {@code -Dherd.screenshots=docs} (Maven passes it on), docs/screenshots, to
     * bring the pictures in the docs up to date.
     */
    private static final Path SCREENSHOTS = "docs".equals(System.getProperty("herd.screenshots"))
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    private static ServeHarness serve;
    private static JdbcTemplate db;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: install "
                    + "Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install "
                + "chromium chromium-driver); with CI=true their absence fails the build");
        serve = ServeHarness.open();
        db = serve.db();
        profile = Files.createTempDirectory("herd-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void open(String pathAndQuery) {
        browser.get(serve.uri(pathAndQuery).toString());
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void searchThenArtistThenReleaseGroupThenEveryPage() throws IOException {
        // Search: both origins in the facet, results from both.
        open("index.php");
        assertThat(browser.getTitle()).contains("Search");
        assertThat(browser.findElement(By.cssSelector("a[href='logout.php']")).isDisplayed()).isTrue();
        List<WebElement> origins = browser.findElements(By.cssSelector("[data-facet=origin] li"));
        assertThat(origins).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("whatcd"))
                .anySatisfy(t -> assertThat(t).startsWith("ops"));
        screenshot("search");

        // A search for a word of an artist's name, typed into the form.
        String artist = db.queryForObject("SELECT a.name FROM herd.artist_alias_live a JOIN herd.release_group_artist_live c"
                + " ON c.origin = a.origin AND c.alias_id = a.alias_id WHERE a.origin = 'whatcd' AND c.role = 'main'"
                + " GROUP BY a.name ORDER BY count(*) DESC, a.name LIMIT 1", String.class);
        WebElement box = browser.findElement(By.name("searchstr"));
        box.clear();
        box.sendKeys(artist);
        box.submit();
        assertThat(browser.findElements(By.cssSelector("li.group"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("li.group .artists a"))).extracting(WebElement::getText)
                .contains(artist);
        screenshot("search-results");

        // The origin facet filters to one origin.
        browser.findElements(By.cssSelector("[data-facet=origin] a")).stream()
                .filter(a -> a.getText().equals("whatcd")).findFirst().orElseThrow().click();
        assertThat(browser.findElements(By.cssSelector("li.group .origin"))).extracting(WebElement::getText)
                .isNotEmpty().containsOnly("whatcd");

        // Artist page.
        browser.findElements(By.cssSelector("li.group .artists a")).stream().filter(a -> a.getText().equals(artist))
                .findFirst().orElseThrow().click();
        assertThat(text("h1")).isEqualTo(artist);
        assertThat(text(".origin-line")).contains("whatcd");
        assertThat(browser.findElements(By.cssSelector("section.release-type h2"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("section.tags li"))).isNotEmpty();
        screenshot("artist");

        // Release group page: editions with their formats, tags with votes.
        browser.findElement(By.cssSelector("section.release-type li.group a.name")).click();
        assertThat(browser.getCurrentUrl()).contains("torrents.php?id=");
        assertThat(browser.findElements(By.cssSelector("tr.edition"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("tr.release"))).isNotEmpty();
        assertThat(text("tr.release td")).matches(".+ / .+");
        assertThat(browser.findElements(By.cssSelector("section.tags .votes"))).isNotEmpty();
        screenshot("release-group");

        // Status: each origin with its position, lag now and over the last hours, rows per entity
        // and trust. The lag history is what a replicator records once a minute: six hours of it.
        java.time.Instant now = java.time.Instant.now();
        db.update("DELETE FROM herd.mirror_lag WHERE origin = 'whatcd'");
        for (int minute = 359; minute >= 0; minute -= 3) {
            db.update("INSERT INTO herd.mirror_lag (origin, at, lag_ms) VALUES ('whatcd', ?, ?)",
                    java.sql.Timestamp.from(now.minusSeconds(60L * minute)), 200 + (minute % 47) * 40);
        }
        browser.findElement(By.linkText("Status")).click();
        assertThat(text("h1")).isEqualTo("Status");
        assertThat(browser.findElements(By.cssSelector("section.status h2 .origin"))).extracting(WebElement::getText)
                .contains("whatcd", "ops");
        WebElement whatcd = browser.findElement(By.id("origin-whatcd"));
        assertThat(whatcd.findElement(By.cssSelector("td.position")).getText()).isNotBlank();
        assertThat(whatcd.findElement(By.cssSelector("td.trust")).getText()).isEqualTo("not verified");
        assertThat(whatcd.findElement(By.cssSelector("svg.lag polyline")).getAttribute("points").split(" "))
                .hasSize(120);
        Long groups = db.queryForObject("SELECT count(*) FROM herd.release_group_live WHERE origin = 'whatcd'",
                Long.class);
        assertThat(whatcd.findElements(By.cssSelector("table.counts tr")).stream()
                .filter(tr -> tr.findElements(By.tagName("td")).size() == 2)
                .map(tr -> tr.findElements(By.tagName("td")).get(0).getText() + "="
                        + tr.findElements(By.tagName("td")).get(1).getText())
                .toList()).contains("release_group=" + groups);
        // The origin with the chart at the top of the screenshot.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", whatcd);
        screenshot("status");

        // A group with comments and a wiki.
        Long commented = db.queryForObject("SELECT c.page_id FROM herd.comment_live c JOIN herd.release_group_live g"
                + " ON g.origin = c.origin AND g.release_group_id = c.page_id WHERE c.origin = 'whatcd'"
                + " AND c.page = 'release_group' AND g.wiki_body IS NOT NULL GROUP BY c.page_id"
                + " ORDER BY count(*) DESC LIMIT 1", Long.class);
        open("torrents.php?origin=whatcd&id=" + commented);
        assertThat(browser.findElements(By.cssSelector("article.comment"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("section.wiki .bbcode"))).isNotEmpty();
        screenshot("release-group-comments");

        open("top10.php");
        assertThat(text("h1")).isEqualTo("Top 10");
        assertThat(browser.findElements(By.cssSelector("section.top10 tr"))).isNotEmpty();
        screenshot("top10");

        open("collages.php");
        assertThat(browser.findElements(By.cssSelector("table.list tbody tr"))).isNotEmpty();
        screenshot("collages");
        browser.findElement(By.cssSelector("table.list tbody tr a")).click();
        assertThat(text(".origin-line")).startsWith("From");
        screenshot("collage");

        open("requests.php");
        assertThat(browser.findElements(By.cssSelector("table.list tbody tr"))).isNotEmpty();
        screenshot("requests");
        browser.findElement(By.cssSelector("table.list tbody tr td a[href*='action=view']")).click();
        assertThat(browser.findElement(By.cssSelector("table.details")).getText()).contains("Votes", "Bounty");
        screenshot("request");

        open("forums.php");
        assertThat(browser.findElements(By.cssSelector("section.forum-category"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("section.forum-category .origin"))).extracting(WebElement::getText)
                .contains("whatcd", "ops");
        screenshot("forums");
        browser.findElement(By.cssSelector("section.forum-category table a")).click();
        assertThat(browser.findElements(By.cssSelector("table.list tbody tr"))).isNotEmpty();
        screenshot("forum");
        browser.findElement(By.cssSelector("table.list tbody tr a")).click();
        assertThat(browser.findElements(By.cssSelector("article.post"))).isNotEmpty();
        screenshot("thread");

        open("login.php");
        assertThat(browser.findElements(By.name("password"))).hasSize(1);
        screenshot("login");
    }

    @Test
    void textFromTheOriginIsNeverMarkup() {
        // Every page escapes what the origin wrote; the only tags in bodies are the BBCode subset's.
        open("forums.php");
        browser.findElement(By.cssSelector("section.forum-category table a")).click();
        browser.findElement(By.cssSelector("table.list tbody tr a")).click();
        for (WebElement body : browser.findElements(By.cssSelector(".bbcode *"))) {
            assertThat(body.getTagName()).isIn("strong", "em", "u", "del", "code", "pre", "a", "blockquote", "cite",
                    "br");
        }
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
    }
}
