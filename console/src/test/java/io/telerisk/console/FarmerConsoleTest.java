package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The farmer sees their fields on a map, a field's sensor history, and applies for a loan and reads the decision. */
class FarmerConsoleTest extends ConsoleTestBase {

    @Test
    void farmerSeesFieldsOnAMapAndAFieldsHistory() {
        browser.signIn("fay");
        browser.open("farmer/fields");
        browser.awaitText(By.cssSelector("main table"), "maize-north");
        assertEquals(1, browser.driver.findElements(By.cssSelector(".map path.leaflet-interactive")).size(), "the field's polygon is drawn");
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
    void farmerAppliesForALoanAndSeesTheDecisionTheApiRecorded() throws Exception {
        browser.signIn("fay");
        browser.open("farmer/loans");
        WebElement form = browser.await(By.cssSelector("form[aria-label='Apply for a loan']"));
        form.findElement(By.name("deviceId")).sendKeys("field-1");
        form.findElement(By.name("amountRequested")).sendKeys("1500");
        form.findElement(By.name("purpose")).sendKeys("seed and fertiliser");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.until("the loan decision", d -> {
            String flash = d.findElement(By.id("flash")).getText();
            if (!flash.isEmpty()) throw new AssertionError("the hub refused the application: " + flash);
            return !d.findElements(By.cssSelector("#loan-detail h2")).isEmpty();
        });
        WebElement detail = browser.driver.findElement(By.cssSelector("#loan-detail h2"));
        String id = detail.getText().replace("Decision on ", "");
        JsonObject loan = ConsoleHub.expect(hub.get("/api/v1/agri/loans/" + id, hub.token("acme", "fay", Role.FARMER)), 200);
        String outcome = switch (loan.getString("outcome")) {
            case "APPROVE" -> "Approved";
            case "DECLINE" -> "Declined";
            default -> "Referred to a credit officer";
        };
        assertTrue(browser.driver.findElement(By.id("loan-detail")).getText().contains(outcome), loan.encode());
        browser.checkScreen("farmer-loans-en");
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
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfEachFarmerScreenIsMeasured() {
        browser.signIn("fay");
        for (String screen : new String[]{"farmer/fields", "farmer/fields/maize-north", "farmer/loans"}) {
            assertTrue(browser.measureFirstRender("farmer", screen, "en") > 0, screen);
        }
    }
}
