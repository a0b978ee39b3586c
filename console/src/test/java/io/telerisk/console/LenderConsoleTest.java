package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credit officer's desk in the console: decide a referred crop loan (a second officer confirms above the
 * four-eyes threshold), disburse it, record a repayment, and read the account and the portfolio the API computes.
 */
class LenderConsoleTest extends ConsoleTestBase {

    private static String lenderToken() {
        return hub.token("acme", "lena", Role.LENDER);
    }

    @Test
    void officerApprovesAReferralDisbursesAndRecordsARepayment() throws Exception {
        String id = hub.referral;
        browser.signIn("lena");
        browser.open("lender/referrals");
        browser.awaitText(By.cssSelector("main table"), id);
        browser.checkScreen("lender-referrals-en");
        browser.driver.findElement(By.xpath("//button[text()='" + id + "']")).click();
        WebElement form = browser.await(By.id("referral-decision"));
        new Select(form.findElement(By.name("verdict"))).selectByValue("APPROVE");
        new Select(form.findElement(By.name("reasonCode"))).selectByValue("FIELD_VERIFIED");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.until("the referral decision", d -> !d.findElement(By.id("flash")).getText().isEmpty());
        if (browser.driver.findElement(By.id("flash")).getText().contains("second credit officer")) {
            browser.signIn("leo");
            browser.open("lender/referrals");
            browser.driver.findElement(By.xpath("//button[text()='" + id + "']")).click();
            form = browser.await(By.id("referral-decision"));
            new Select(form.findElement(By.name("verdict"))).selectByValue("APPROVE");
            new Select(form.findElement(By.name("reasonCode"))).selectByValue("FIELD_VERIFIED");
            form.findElement(By.cssSelector("button[type=submit]")).click();
        }
        browser.awaitText(By.id("flash"), id + " decided.");

        browser.open("lender/loans/" + id);
        browser.awaitText(By.id("loan-status"), "Approved, not disbursed");
        browser.driver.findElement(By.id("disburse")).click();
        browser.awaitText(By.id("flash"), "Loan disbursed.");
        WebElement repay = browser.await(By.id("repayment"));
        repay.findElement(By.name("amount")).sendKeys("100.00");
        repay.findElement(By.name("reference")).sendKeys("console-repayment-1");
        repay.findElement(By.cssSelector("button[type=submit]")).click();
        browser.awaitText(By.id("flash"), "Repayment recorded.");
        JsonObject loan = ConsoleHub.expect(hub.get("/api/v1/lender/loans/" + id, lenderToken()), 200);
        assertEquals(0, new BigDecimal("100.00").compareTo(new BigDecimal(loan.getValue("paid").toString())), loan.encode());
        assertTrue(browser.mainText().contains(money(loan.getValue("paid").toString())), "the paid amount the API computed");
        assertTrue(browser.mainText().contains("console-repayment-1"), browser.mainText());
        browser.checkScreen("lender-loan-en");

        browser.open("lender/portfolio");
        JsonObject portfolio = ConsoleHub.expect(hub.get("/api/v1/lender/portfolio", lenderToken()), 200);
        assertEquals(money(portfolio.getValue("exposure").toString()),
                browser.driver.findElement(By.cssSelector("[data-stat='portfolio.exposure'] .value")).getText().replace("US", ""));
        browser.checkScreen("lender-portfolio-en");
    }

    private static String money(String amount) {
        return "$" + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(new BigDecimal(amount));
    }

    @Test
    void portfolioMapsLoansByFieldColouredByStatusWithAlertedFieldsMarked() throws Exception {
        browser.signIn("lena");
        browser.open("lender/portfolio");
        JsonObject p = ConsoleHub.expect(hub.get("/api/v1/lender/portfolio", lenderToken()), 200);
        Map<String, BigDecimal> arrears = new TreeMap<>();
        Map<String, String> worst = new TreeMap<>();
        List<String> order = List.of("IN_ARREARS", "CURRENT", "NOT_YET_DUE", "APPROVED_NOT_DISBURSED", "REPAID");
        for (Object o : p.getJsonArray("lines")) {
            JsonObject l = (JsonObject) o;
            BigDecimal a = l.getValue("arrears") == null ? BigDecimal.ZERO : new BigDecimal(l.getValue("arrears").toString());
            arrears.merge(l.getString("fieldId"), a, BigDecimal::add);
            worst.merge(l.getString("fieldId"), l.getString("status"), (x, y) -> order.indexOf(x) <= order.indexOf(y) ? x : y);
        }
        Set<String> alerted = new TreeSet<>();
        p.getJsonArray("loansOnFieldsWithAlerts").forEach(o -> alerted.add(((JsonObject) o).getString("fieldId")));
        assertTrue(alerted.contains("maize-south"), "the seeded loan on the dry field has a water-stress alert: " + p.encode());
        browser.waitForCharts();
        assertEquals(worst.size(), browser.driver.findElements(By.cssSelector(".map path.loan-field")).size(), "a polygon per field with loans");
        assertEquals(alerted.size(), browser.driver.findElements(By.cssSelector(".map path.field-alerted")).size(), "alerted fields outlined");
        for (Map.Entry<String, String> e : worst.entrySet()) {
            WebElement row = browser.driver.findElement(By.cssSelector("#portfolio-fields tr[data-field='" + e.getKey() + "']"));
            assertEquals(money(arrears.get(e.getKey()).toPlainString()), row.findElement(By.cssSelector("[data-arrears]")).getText().replace("US", ""));
            assertEquals(alerted.contains(e.getKey()), row.getText().contains("Alert"), row.getText());
        }
        for (String status : order) {
            assertEquals(worst.values().stream().filter(status::equals).count(),
                    browser.driver.findElements(By.cssSelector(".map path.loan-" + status)).size(), "fields coloured " + status);
        }
        browser.checkScreen("lender-portfolio-map-en");
    }

    @Test
    void lenderWorksInChinese() {
        browser.signIn("lena");
        browser.open("lender/portfolio");
        browser.language("zh-CN");
        try {
            assertTrue(browser.heading().contains("贷款组合"), browser.heading());
            browser.checkScreen("lender-portfolio-zh");
            browser.open("lender/loans");
            assertEquals("贷款台账", browser.heading());
            browser.checkScreen("lender-loans-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void portfolioMapInChineseWithTheApisAmountsInChineseCurrencyFormat() throws Exception {
        JsonObject zh = ConsoleDictionaryTest.dictionary("zh-CN");
        browser.signIn("lena");
        browser.open("lender/portfolio");
        browser.language("zh-CN");
        try {
            JsonObject p = ConsoleHub.expect(hub.get("/api/v1/lender/portfolio", lenderToken()), 200);
            assertTrue(browser.heading().matches(".*\\d{4}年\\d{1,2}月\\d{1,2}日.*的贷款组合"), "as-of date in Chinese: " + browser.heading());
            String currency = p.getString("currency");
            // the API's amount, formatted by the browser's own rules for zh-CN (e.g. US$1,234.00), not English's ($1,234.00)
            String exposure = (String) browser.script("return new Intl.NumberFormat('zh-CN', {style: 'currency', currency: arguments[1]}).format(Number(arguments[0]))",
                    p.getValue("exposure").toString(), currency);
            String english = (String) browser.script("return new Intl.NumberFormat('en', {style: 'currency', currency: arguments[1]}).format(Number(arguments[0]))",
                    p.getValue("exposure").toString(), currency);
            assertEquals(exposure, browser.driver.findElement(By.cssSelector("[data-stat='portfolio.exposure'] .value")).getText());
            assertTrue(!exposure.equals(english) || !"USD".equals(currency), "zh-CN and en differ for " + currency + ": " + exposure);
            Set<String> fields = new TreeSet<>();
            p.getJsonArray("lines").forEach(o -> fields.add(((JsonObject) o).getString("fieldId")));
            browser.waitForCharts();
            assertEquals(fields.size(), browser.driver.findElements(By.cssSelector(".map path.loan-field")).size(), "a polygon per field with loans");
            for (String f : fields) {
                WebElement row = browser.driver.findElement(By.cssSelector("#portfolio-fields tr[data-field='" + f + "']"));
                assertTrue(row.findElement(By.cssSelector("[data-exposure]")).getText().startsWith(exposure.replaceAll("[\\d,.]+", "")), row.getText());
            }
            assertTrue(browser.mainText().contains(zh.getString("portfolio.alerted")), browser.mainText());
            browser.assertTranslated("lender-portfolio-map-zh");
            browser.checkScreen("lender-portfolio-map-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfEachLenderScreenIsMeasured() {
        browser.signIn("lena");
        for (String screen : new String[]{"lender/referrals", "lender/loans", "lender/portfolio"}) {
            assertTrue(browser.measureFirstRender("lender", screen, "en") > 0, screen);
        }
    }
}
