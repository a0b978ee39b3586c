package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The insurer's journey in the console: draft a plan in the editor, a second insurer approves it (four eyes), the
 * author activates it, and a quote for a vehicle shows the premium the API logged, factor by factor.
 */
class InsurerConsoleTest extends ConsoleTestBase {
    private static final String PLAN = "console-gb";

    @Test
    void insurerDraftsSecondInsurerApprovesActivateAndQuote() throws Exception {
        browser.signIn("ann");
        browser.open("insurer/plans/new");
        setEditor(motorPlan(PLAN).encodePrettily());
        browser.driver.findElement(By.xpath("//button[text()='Save draft']")).click();
        browser.awaitScreen("insurer/plans/" + PLAN);
        browser.awaitText(By.cssSelector("tr[data-version='1'] td[data-status]"), "draft");
        assertTrue(browser.mainText().contains("Awaiting a second insurer"), "the author cannot approve their own draft");
        browser.checkScreen("insurer-plan-draft-en");

        browser.signIn("bob");
        browser.open("insurer/plans/" + PLAN);
        browser.driver.findElement(By.cssSelector("tr[data-version='1'] button[data-action=validate]")).click();
        browser.awaitText(By.id("plan-problems"), "Version 1 is valid");
        browser.driver.findElement(By.cssSelector("tr[data-version='1'] button[data-action=approve]")).click();
        browser.awaitText(By.cssSelector("tr[data-version='1'] td[data-status]"), "approved");

        browser.signIn("ann");
        browser.open("insurer/plans/" + PLAN);
        browser.driver.findElement(By.cssSelector("tr[data-version='1'] button[data-action=activate]")).click();
        browser.awaitText(By.cssSelector("tr[data-version='1'] td[data-status]"), "active");
        browser.checkScreen("insurer-plan-active-en");

        browser.open("insurer/plans");
        browser.awaitText(By.id("main"), PLAN);
        browser.checkScreen("insurer-plans-en");

        browser.open("insurer/quote");
        WebElement form = browser.await(By.id("quote-form"));
        fill(form, "policyId", "POL-CONSOLE-1");
        fill(form, "deviceId", "car-1");
        fill(form, "productLine", "motor");
        fill(form, "jurisdiction", "GB");
        fill(form, "currency", "GBP");
        fill(form, "inputs", "driverAge=45, vehicleGroup=15, territory=suburban, noClaimsYears=5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement total = browser.await(By.id("quote-total"));
        JsonArray logged = ConsoleHub.expect(hub.get("/api/v1/pricing/quotes?policyId=POL-CONSOLE-1",
                hub.token("acme", "ann", Role.INSURER)), 200).getJsonArray("items");
        JsonObject quote = logged.getJsonObject(logged.size() - 1).getJsonObject("quote");
        assertEquals("£" + money(quote.getString("totalPremium")), total.getText(), "the premium the API logged");
        assertEquals(quote.getJsonArray("lines").size(), browser.driver.findElements(By.cssSelector("#quote-result table tbody tr")).size());
        browser.checkScreen("insurer-quote-en");
    }

    @Test
    void insurerWorksInChinese() {
        browser.signIn("ann");
        browser.open("insurer/plans");
        browser.language("zh-CN");
        try {
            assertEquals("费率方案目录", browser.heading());
            browser.checkScreen("insurer-plans-zh");
            browser.open("insurer/quote");
            assertEquals("报价分析", browser.heading());
            browser.checkScreen("insurer-quote-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfEachInsurerScreenIsMeasured() {
        browser.signIn("ann");
        for (String screen : new String[]{"insurer/plans", "insurer/quote", "insurer/plans/new"}) {
            assertTrue(browser.measureFirstRender("insurer", screen, "en") > 0, screen);
        }
    }

    /** An API amount as the console shows it in English (grouping, two decimals), without a currency sign. */
    static String money(String amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(new BigDecimal(amount));
    }

    private static void fill(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private static void setEditor(String text) {
        browser.script("const t = document.querySelector('textarea[name=document]'); t.value = arguments[0];"
                + " t.dispatchEvent(new Event('input', {bubbles: true}))", text);
    }

    static JsonObject motorPlan(String planId) throws IOException {
        try (InputStream in = InsurerConsoleTest.class.getResourceAsStream("/plans/motor-payd-gb.json")) {
            if (in == null) throw new IllegalStateException("plans/motor-payd-gb.json missing from the pricing-engine jar");
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).put("planId", planId);
        }
    }
}
