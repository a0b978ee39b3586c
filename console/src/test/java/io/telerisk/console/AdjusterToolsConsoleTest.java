package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adjuster's tools around the claim: the injury-risk curve with the crash on it (the assessment's own numbers),
 * claim search with closed claims and a text search done by the server, and the ledger exported as CSV and JSON
 * lines with as many entries as the API lists for the tenant.
 */
class AdjusterToolsConsoleTest extends ConsoleTestBase {
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    private static String cat() {
        return hub.token("acme", "cat", Role.ADJUSTER);
    }

    @Test
    void claimPageMarksThisCrashOnTheInjuryRiskCurve() throws Exception {
        String id = "CRASH-acme-c-00004";
        browser.signIn("cat");
        browser.open("adjuster/claims/" + id);
        JsonObject a = ConsoleHub.expect(hub.get("/api/v1/claims/" + id, cat()), 200).getJsonObject("assessment");
        String deltaV = new BigDecimal(a.getDouble("deltaVKmh")).setScale(1, RoundingMode.HALF_UP).toPlainString();
        String risk = new BigDecimal(a.getDouble("mais3PlusRisk") * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
        assertEquals("This crash: delta-V " + deltaV + " km/h, risk of a serious injury " + risk,
                browser.driver.findElement(By.id("injury-this-crash")).getText());
        JsonObject curve = ConsoleHub.expect(hub.get("/api/v1/claims/injury-risk", cat()), 200);
        assertTrue(browser.driver.findElement(By.id("injury-risk")).getText().contains(curve.getString("source")), "the curve's source");
        browser.script("document.getElementById('injury-risk').scrollIntoView()");
        browser.checkScreen("adjuster-claim-injury-en");
        Number drawn = (Number) browser.script("const c = document.querySelector('#injury-risk canvas');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        assertTrue(drawn.intValue() > 1000, "the curve is drawn, not a blank canvas: " + drawn + " pixels");
    }

    @Test
    void searchFindsClosedClaimsAndClaimsByTextOnTheServer() throws Exception {
        browser.signIn("cat");
        browser.open("adjuster/search");
        long closed = ConsoleHub.expect(hub.get("/api/v1/claims?closed=true&limit=50", cat()), 200).getLong("total");
        if (closed > 0) browser.awaitText(By.cssSelector(".pager [role=status]"), "of " + COUNT.format(closed));
        else browser.awaitText(By.cssSelector("main tbody"), "Nothing to show");

        JsonObject found = ConsoleHub.expect(hub.get("/api/v1/claims?q=c-0001&limit=50", cat()), 200);
        assertEquals(10, found.getLong("total"), "c-00010 to c-00019: " + found.encode());
        WebElement form = browser.driver.findElement(By.cssSelector("form[role=search]"));
        new Select(form.findElement(By.name("state"))).selectByValue("");
        form.findElement(By.name("q")).sendKeys("C-0001");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.awaitText(By.cssSelector(".pager [role=status]"), "of 10");
        assertEquals(found.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("claimId")).toList(),
                browser.driver.findElements(By.cssSelector("main tbody tr th")).stream().map(WebElement::getText).toList(),
                "the API's claims in the API's order");
        browser.checkScreen("adjuster-search-en");
    }

    @Test
    void ledgerExportsEveryEntryOfTheTenantAsCsvAndJsonLines() throws Exception {
        browser.signIn("cat");
        browser.open("adjuster/ledger");
        for (String format : new String[]{"csv", "jsonl"}) {
            browser.script("document.getElementById('ledger-export-status').removeAttribute('data-entries')");
            browser.driver.findElement(By.cssSelector("button[data-format=" + format + "]")).click();
            // the whole ledger (thousands of entries with the seeded claims) takes a while on a loaded machine
            String entries = new WebDriverWait(browser.driver, Duration.ofMinutes(3)).until(
                    d -> d.findElement(By.id("ledger-export-status")).getDomAttribute("data-entries"));
            long total = ConsoleHub.expect(hub.get("/api/v1/claims/ledger?limit=1", cat()), 200).getLong("total");
            assertEquals(total, Long.parseLong(entries), format + ": one entry per ledger entry of the tenant");
            assertTrue(browser.driver.findElement(By.id("ledger-export-status")).getText().startsWith(COUNT.format(total) + " entries exported"),
                    browser.driver.findElement(By.id("ledger-export-status")).getText());
        }
        browser.checkScreen("adjuster-ledger-export-en");
    }

    @Test
    void adjusterToolsInChinese() {
        browser.signIn("cat");
        browser.open("adjuster/search");
        browser.language("zh-CN");
        try {
            assertEquals("理赔搜索", browser.heading());
            browser.checkScreen("adjuster-search-zh");
            browser.open("adjuster/claims/CRASH-acme-c-00005");
            assertTrue(browser.mainText().contains("伤害风险曲线"), browser.mainText());
            browser.checkScreen("adjuster-claim-injury-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfTheClaimSearchIsMeasured() {
        browser.signIn("cat");
        assertTrue(browser.measureFirstRender("adjuster", "adjuster/search", "en") > 0);
    }
}
