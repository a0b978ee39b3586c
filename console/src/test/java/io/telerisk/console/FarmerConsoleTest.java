package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The farmer sees their fields on a map, a field's sensor history, and applies for a loan and reads the decision. */
class FarmerConsoleTest extends ConsoleTestBase {

    @Test
    void farmerSeesFieldsOnAMapAndAFieldsHistory() throws Exception {
        browser.signIn("fay");
        browser.open("farmer/fields");
        browser.awaitText(By.cssSelector("main table"), "maize-north");
        assertEquals(2, browser.driver.findElements(By.cssSelector(".map path.leaflet-interactive")).size(), "the fields' polygons are drawn");
        // maize-south has a water-stress alert (its own alerts API): red on the map and in the list
        int alerted = (alerts("maize-south").isEmpty() ? 0 : 1) + (alerts("maize-north").isEmpty() ? 0 : 1);
        assertTrue(alerted >= 1, "maize-south has alerts");
        assertEquals(alerted, browser.driver.findElements(By.cssSelector(".map path.leaflet-interactive[fill='#b3261e']")).size(),
                "one red field per field with alerts");
        browser.checkScreen("farmer-fields-en");
        browser.driver.findElement(By.linkText("maize-north")).click();
        browser.awaitScreen("farmer/fields/maize-north");
        assertEquals("Field maize-north", browser.heading());
        assertTrue(browser.mainText().contains("Crop health on"), browser.mainText());
        assertTrue(browser.mainText().contains("measured days below the wilting point"), "water stress from the health API");
        assertEquals(3, browser.driver.findElements(By.cssSelector("main .chart")).size(), "NDVI against the expected curve, soil moisture, rain");
        browser.checkScreen("farmer-field-en");
    }

    @Test
    void farmerAppliesForALoanAndSeesTheDecisionItsFactorsAndTheScheduleTheApiRecorded() throws Exception {
        browser.signIn("fay");
        browser.open("farmer/loans");
        WebElement form = browser.await(By.cssSelector("form[aria-label='Apply for a loan']"));
        form.findElement(By.name("deviceId")).sendKeys("field-2");
        form.findElement(By.name("amountRequested")).sendKeys("300");
        form.findElement(By.name("purpose")).sendKeys("seed and fertiliser");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.until("the loan decision", d -> {
            String flash = d.findElement(By.id("flash")).getText();
            if (!flash.isEmpty()) throw new AssertionError("the hub refused the application: " + flash);
            return !d.findElements(By.cssSelector("#loan-detail h2")).isEmpty();
        });
        WebElement detail = browser.driver.findElement(By.id("loan-detail"));
        String id = detail.findElement(By.tagName("h2")).getText().replace("Decision on ", "");
        JsonObject loan = ConsoleHub.expect(hub.get("/api/v1/agri/loans/" + id, hub.token("acme", "fay", Role.FARMER)), 200);
        assertEquals("APPROVE", loan.getString("outcome"), "field-2 is seen clearly and the amount is within its limit: " + loan.encode());
        assertTrue(detail.getText().contains("Approved"), detail.getText());

        // the factors: one row per structured factor, in plain words with the API's numbers, never 'code=value'
        JsonArray factors = loan.getJsonArray("factors");
        List<WebElement> rows = detail.findElements(By.cssSelector("tr[data-factor]"));
        assertEquals(factors.size(), rows.size(), "a row per factor");
        for (int i = 0; i < factors.size(); i++) {
            JsonObject f = factors.getJsonObject(i);
            assertEquals(f.getString("code"), rows.get(i).getDomAttribute("data-factor"));
            assertFalse(rows.get(i).getText().contains("="), "plain words: " + rows.get(i).getText());
        }
        JsonObject limit = factor(factors, "credit_limit");
        assertTrue(row(rows, "credit_limit").contains("The field can carry a loan of up to " + usd(limit.getString("value"))),
                row(rows, "credit_limit"));
        JsonObject anomaly = factor(factors, "ndvi_anomaly_z");
        assertTrue(row(rows, "ndvi_anomaly_z").contains("Crop greenness is " + anomaly.getString("value") + " standard deviations"),
                row(rows, "ndvi_anomaly_z"));
        assertTrue(row(rows, "ndvi_anomaly_z").contains(anomaly.getInteger("points") + " risk points"), row(rows, "ndvi_anomaly_z"));
        JsonObject stress = factor(factors, "water_stress_share");
        String share = Math.round(Double.parseDouble(stress.getString("value")) * 100) + "%";
        assertTrue(row(rows, "water_stress_share").contains("drier than the wilting point on " + share), row(rows, "water_stress_share"));

        // the schedule: the API's instalments, amounts as the API rounded them
        JsonArray schedule = loan.getJsonArray("schedule");
        assertFalse(schedule.isEmpty(), loan.encode());
        List<WebElement> instalments = detail.findElements(By.xpath(".//table[caption='Repayment schedule']/tbody/tr"));
        assertEquals(schedule.size(), instalments.size());
        for (int i = 0; i < schedule.size(); i++) {
            assertTrue(instalments.get(i).getText().endsWith(usd(schedule.getJsonObject(i).getString("total"))), instalments.get(i).getText());
        }
        browser.checkScreen("farmer-loans-en");
    }

    @Test
    void farmerReadsEachFieldsOwnAlertsInPlainWords() throws Exception {
        browser.signIn("fay");
        browser.open("farmer/alerts");
        assertEquals("My alerts", browser.heading());
        JsonArray south = alerts("maize-south");
        JsonArray north = alerts("maize-north");
        assertTrue(south.stream().anyMatch(a -> "WATER_STRESS".equals(((JsonObject) a).getString("kind"))), south.encode());
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#alerts tbody tr"));
        assertEquals(south.size() + north.size(), rows.size(), "a row per alert of each field");
        JsonObject stress = south.stream().map(JsonObject.class::cast).filter(a -> "WATER_STRESS".equals(a.getString("kind"))).findFirst().orElseThrow();
        String text = browser.driver.findElement(By.cssSelector("#alerts tr[data-field='maize-south'][data-kind='WATER_STRESS']")).getText();
        assertTrue(text.contains("drier than the wilting point on " + Math.round(stress.getDouble("value")) + " of the last 14 days"), text);
        browser.checkScreen("farmer-alerts-en");
        browser.driver.findElement(By.cssSelector("#alerts tr[data-field='maize-south'] a")).sendKeys(Keys.ENTER);
        browser.awaitScreen("farmer/fields/maize-south");
    }

    private static JsonArray alerts(String field) throws Exception {
        return ConsoleHub.expect(hub.get("/api/v1/agri/fields/" + field + "/alerts", hub.token("acme", "fay", Role.FARMER)), 200).getJsonArray("items");
    }

    private static JsonObject factor(JsonArray factors, String code) {
        return factors.stream().map(JsonObject.class::cast).filter(f -> code.equals(f.getString("code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no factor " + code + " in " + factors.encode()));
    }

    private static String row(List<WebElement> rows, String code) {
        return rows.stream().filter(r -> code.equals(r.getDomAttribute("data-factor"))).findFirst().orElseThrow().getText();
    }

    private static String usd(String amount) {
        return "$" + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(new BigDecimal(amount));
    }

    @Test
    void farmerWorksInChinese() {
        browser.signIn("fay");
        browser.open("farmer/fields");
        browser.language("zh-CN");
        try {
            assertEquals("我的田块", browser.heading());
            browser.checkScreen("farmer-fields-zh");
            browser.open("farmer/fields/maize-north");
            assertEquals("田块 maize-north", browser.heading());
            browser.checkScreen("farmer-field-zh");
            browser.open("farmer/alerts");
            assertEquals("我的预警", browser.heading());
            assertTrue(browser.mainText().contains("天土壤湿度低于凋萎点"), browser.mainText());
            browser.checkScreen("farmer-alerts-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfEachFarmerScreenIsMeasured() {
        browser.signIn("fay");
        for (String screen : new String[]{"farmer/fields", "farmer/fields/maize-north", "farmer/loans", "farmer/alerts"}) {
            assertTrue(browser.measureFirstRender("farmer", screen, "en") > 0, screen);
        }
    }
}
