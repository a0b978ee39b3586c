package io.telerisk.console;

import io.telerisk.testkit.ChromeBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real headless Chromium (testkit's {@link ChromeBrowser}) driven through WebDriver against the console of the
 * shared test hub: sign in as a persona, open screens, check accessibility with axe-core, keep a screenshot of each
 * screen under {@code target/screenshots/} and record each screen's first render time.
 */
final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("telerisk.screenshots", "target/screenshots"));
    private static final Path RENDER_TIMES = SCREENSHOTS.resolveSibling("render-times.csv");
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final String AXE = axeSource();

    static {
        try {
            Files.deleteIfExists(RENDER_TIMES); // one test run's figures, not every run's since the last clean
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ChromeBrowser chrome;
    final RemoteWebDriver driver;
    private final ConsoleHub hub;
    private final WebDriverWait wait;

    Browser(ConsoleHub hub) {
        this.hub = hub;
        this.chrome = ChromeBrowser.start();
        ChromeOptions options = new ChromeOptions().setBinary(chrome.binary()).addArguments(chrome.arguments());
        try {
            this.driver = new RemoteWebDriver(chrome.webDriverUrl().toURL(), options);
        } catch (Exception e) {
            chrome.close();
            throw new IllegalStateException("could not open a Chromium session: " + e.getMessage(), e);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the console fresh (a new page load) at a screen, e.g. {@code "adjuster/queue"}, and waits for it. */
    void open(String screen) {
        driver.get(hub.consoleUrl() + "?load=" + LOADS.incrementAndGet() + "#/" + screen);
        awaitScreen(screen);
    }

    /** Signs in through the form; the console then shows the user's first screen. */
    void signIn(String username) {
        signIn(username, ConsoleHub.PASSWORD);
    }

    /** Signs in through the form with this password; the console then shows the user's first screen. */
    void signIn(String username, String password) {
        submitSignIn(username, password);
        until("signed in as " + username, d -> rendered() != null);
    }

    /** Submits the sign-in form expecting a refusal; returns the message the console shows. */
    String signInRefused(String username, String password) {
        submitSignIn(username, password);
        return until("sign-in refused for " + username, d -> {
            if (rendered() != null) throw new AssertionError(username + " was signed in");
            String flash = d.findElement(By.id("flash")).getText();
            return flash.isEmpty() ? null : flash;
        });
    }

    private void submitSignIn(String username, String password) {
        driver.get(hub.consoleUrl() + "?load=" + LOADS.incrementAndGet());
        if (!driver.getCurrentUrl().startsWith(hub.consoleUrl())) {
            throw new IllegalStateException("the console did not load at " + hub.consoleUrl() + ": " + driver.getCurrentUrl()
                    + " " + driver.getPageSource().substring(0, Math.min(500, driver.getPageSource().length())));
        }
        driver.executeScript("sessionStorage.clear()");
        driver.get(hub.consoleUrl() + "?load=" + LOADS.incrementAndGet());
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Switches the language through the header's selector. */
    void language(String tag) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("locale"))).selectByValue(tag);
        wait.until(d -> tag.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        wait.until(d -> rendered() != null && d.findElement(By.id("main")).getDomAttribute("aria-busy") == null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rendered() {
        return (Map<String, Object>) driver.executeScript("return window.__telerisk || null");
    }

    /** Waits until the screen at this path (e.g. {@code adjuster/claims/C-1}) has rendered its data. */
    Map<String, Object> awaitScreen(String path) {
        until("screen " + path, d -> {
            Map<String, Object> r = rendered();
            return r != null && ("#/" + path).equals(r.get("hash"));
        });
        return rendered();
    }

    /** Navigates inside the page (hash change) and waits for the screen. */
    void go(String screen) {
        driver.executeScript("window.__telerisk = null; location.hash = arguments[0]", "#/" + screen);
        awaitScreen(screen);
    }

    /** Waits for a condition; on time-out keeps a screenshot and the page's text for the report. */
    <T> T until(String what, java.util.function.Function<WebDriver, T> condition) {
        try {
            return wait.until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("FAILED-" + what.replaceAll("[^A-Za-z0-9-]+", "-"));
            throw new AssertionError("timed out waiting for " + what + " at " + driver.getCurrentUrl() + "; page says: "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String heading() {
        return driver.findElement(By.cssSelector("main h1")).getText();
    }

    String mainText() {
        return driver.findElement(By.id("main")).getText();
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /**
     * Measures the first render of a screen on a fresh page load: milliseconds from navigation start (Navigation
     * Timing's time origin) until the screen's data is on the page, appended to {@code target/render-times.csv}.
     */
    double measureFirstRender(String persona, String screen, String locale) {
        open(screen);
        Number ms = (Number) driver.executeScript("return window.__telerisk.firstRenderMs");
        Number dcl = (Number) driver.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.domContentLoadedEventEnd : null");
        try {
            Files.createDirectories(RENDER_TIMES.getParent());
            if (!Files.exists(RENDER_TIMES)) Files.writeString(RENDER_TIMES, "persona,screen,locale,first_render_ms,dom_content_loaded_ms\n");
            Files.writeString(RENDER_TIMES, "%s,%s,%s,%.0f,%.0f%n".formatted(persona, screen, locale, ms.doubleValue(),
                    dcl == null ? Double.NaN : dcl.doubleValue()), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ms.doubleValue();
    }

    /** Runs axe-core (WCAG 2.1 A and AA rules) in the page; fails listing every serious or critical violation. */
    @SuppressWarnings("unchecked")
    void assertAccessible(String what) {
        driver.executeScript(AXE);
        Map<String, Object> result = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))}), e => done({error: String(e)}));");
        assertTrue(result.get("error") == null, "axe-core failed on " + what + ": " + result.get("error"));
        List<Map<String, Object>> bad = ((List<Map<String, Object>>) result.get("violations")).stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
        assertEquals(List.of(), bad.stream().map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("nodes"))
                .collect(Collectors.toList()), "serious accessibility violations on " + what);
    }

    /**
     * Fails when the screen shows something untranslated in the current language: a key the language's dictionary
     * lacks (the console notes each one it showed in English instead, {@code window.__teleriskUntranslated}), an English
     * dictionary string in the page's text, labels or captions, or a bare key (what {@code t} shows for a key no
     * dictionary has).
     */
    @SuppressWarnings("unchecked")
    void assertTranslated(String what) {
        Object found = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all([import(new URL('js/i18n/en.js', location.href).href), import(new URL('js/i18n/zh-CN.js', location.href).href)])"
                + ".then(([en, zh]) => {"
                + "  const lang = document.documentElement.lang; if (lang === 'en') return done({error: 'the page is in English'});"
                + "  const local = lang === 'zh-CN' ? zh.default : {};"
                + "  const english = new Set(Object.entries(en.default).filter(([k, v]) => v !== local[k] && !v.includes('{') && /[A-Za-z]{2}/.test(v)).map(([k, v]) => v.trim()));"
                + "  const bad = new Set();"
                + "  const check = (s, where) => { s = (s || '').trim(); if (english.has(s) || /^[a-z][A-Za-z]*\\.[A-Za-z0-9.]*[A-Za-z0-9]$/.test(s) && en.default[s]) bad.add(where + ': ' + s); };"
                + "  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                + "  for (let n = walker.nextNode(); n; n = walker.nextNode()) {"
                + "    const el = n.parentElement; if (!el || el.closest('[hidden], #locale, script, style')) continue; check(n.nodeValue, el.tagName.toLowerCase()); }"
                + "  document.querySelectorAll('[aria-label], [placeholder], [title], [alt]').forEach(el => ['aria-label', 'placeholder', 'title', 'alt']"
                + "    .forEach(a => el.hasAttribute(a) && check(el.getAttribute(a), el.tagName.toLowerCase() + '@' + a)));"
                + "  done({untranslated: [...(window.__teleriskUntranslated || [])], english: [...bad]});"
                + "}, e => done({error: String(e)}));");
        Map<String, Object> r = (Map<String, Object>) found;
        assertTrue(r.get("error") == null, what + ": " + r.get("error"));
        assertEquals(List.of(), r.get("untranslated"), "keys shown in English on " + what + " (missing from its dictionary)");
        assertEquals(List.of(), r.get("english"), "English strings on " + what);
    }

    /** Saves a PNG of the whole window as target/screenshots/NAME.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the screen, saves its screenshot: what every screen test does once it shows its data. */
    void checkScreen(String name) {
        waitForCharts();
        assertAccessible(name);
        screenshot(name);
    }

    /** Waits until every chart and map on the page has drawn (they load their library on first use). */
    void waitForCharts() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('.chart')].every(c => c.querySelector('canvas'))"
                        + " && [...document.querySelectorAll('.map')].every(m => m.classList.contains('leaflet-container'))"));
    }

    WebDriver driver() {
        return driver;
    }

    private static String axeSource() {
        try (InputStream in = Objects.requireNonNull(Browser.class.getResourceAsStream("/axe.min.js"),
                "axe.min.js missing from the class path (com.deque.html.axe-core:selenium)")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            chrome.close();
        }
    }
}
