package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import org.junit.jupiter.api.Test;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.text.NumberFormat;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator runs the hub from the console: ingest, devices and credentials, dead letters, access log, users. */
class OperatorConsoleTest extends ConsoleTestBase {

    @Test
    void ingestDashboardShowsTheCountersTheApiReports() throws Exception {
        browser.signIn("eve");
        browser.open("operator/ingest");
        assertEquals("Ingest dashboard", browser.heading());
        long received = ConsoleHub.expect(hub.get("/api/v1/stats/ingest", hub.token("acme", "eve", Role.OPERATOR)), 200).getLong("received");
        String shown = browser.driver.findElement(By.cssSelector("[data-stat='ingest.received'] .value")).getText();
        assertEquals(NumberFormat.getIntegerInstance(Locale.US).format(received), shown);
        browser.checkScreen("operator-ingest-en");
    }

    @Test
    void devicesArePagedOnTheServerAndACredentialIsShownOnce() throws Exception {
        browser.signIn("eve");
        browser.open("operator/devices");
        browser.awaitText(By.cssSelector(".pager [role=status]"), "Rows 1–50");
        browser.checkScreen("operator-devices-en");
        // 10,000+ devices: the browser holds one page, the next comes from the server
        assertEquals(50, browser.driver.findElements(By.cssSelector("main tbody tr")).size());
        browser.driver.findElement(By.xpath("//button[text()='Next page']")).click();
        browser.awaitText(By.cssSelector(".pager [role=status]"), "Rows 51–100");
        browser.driver.findElement(By.cssSelector("button[aria-label='Issue a new credential for " + firstDeviceId() + "']")).click();
        String token = browser.await(By.cssSelector("[data-token]")).getText();
        assertTrue(token.length() >= 16, token);
        browser.screenshot("operator-device-credential-en");
    }

    @Test
    void deviceFiltersAreAppliedByTheServer() {
        browser.signIn("eve");
        browser.open("operator/devices");
        browser.awaitText(By.cssSelector(".pager [role=status]"), "Rows 1–50");
        browser.driver.findElement(By.name("q")).sendKeys("fleet-0000");
        browser.driver.findElement(By.xpath("//button[text()='Apply filters']")).click();
        // fleet-00000 .. fleet-00009: the total is the server's count for the filter, not a page filtered in the browser
        browser.awaitText(By.cssSelector(".pager [role=status]"), "Rows 1–10 of 10");
        assertEquals(10, browser.driver.findElements(By.cssSelector("main tbody tr")).size());
        browser.checkScreen("operator-devices-filtered-en");
    }

    private static String firstDeviceId() {
        return browser.driver.findElement(By.cssSelector("main tbody tr th")).getText();
    }

    @Test
    void deadLettersLocationAccessAndUsersScreensShowTheirLists() {
        browser.signIn("eve");
        browser.open("operator/dead-letters");
        assertEquals("Dead letters", browser.heading());
        browser.checkScreen("operator-dead-letters-en");
        browser.open("operator/location-access");
        assertEquals("Location access log", browser.heading());
        browser.checkScreen("operator-location-access-en");
        browser.open("operator/users");
        browser.awaitText(By.id("main"), "fay");
        assertTrue(browser.mainText().contains("ann"), "acme users listed");
        assertFalse(browser.mainText().contains("rita"), "another tenant's users are not listed");
        browser.checkScreen("operator-users-en");
    }

    @Test
    void operatorDisablesAUserWhoseSignInIsThenRefusedAndResetsItsPasswordAndRoles() throws Exception {
        String eve = hub.token("acme", "eve", Role.OPERATOR);
        ConsoleHub.expect(hub.post("/api/v1/users", eve, new JsonObject().put("username", "gus")
                .put("password", ConsoleHub.PASSWORD).put("roles", new JsonArray().add("farmer"))), 201);
        browser.signIn("eve");
        browser.open("operator/users");
        manage("gus");
        browser.driver.findElement(By.id("user-toggle")).click();
        browser.awaitText(By.id("flash"), "User gus disabled");
        assertTrue(ConsoleHub.expect(hub.get("/api/v1/users/gus", eve), 200).getBoolean("disabled"));
        assertTrue(browser.driver.findElement(By.id("user-panel")).getText().contains("Disabled"), "the panel shows the new state");
        browser.checkScreen("operator-user-disabled-en");

        String refused = browser.signInRefused("gus", ConsoleHub.PASSWORD);
        assertTrue(refused.startsWith("Wrong username or password."), refused);

        browser.signIn("eve");
        browser.open("operator/users");
        manage("gus");
        browser.driver.findElement(By.id("user-toggle")).click();
        browser.awaitText(By.id("flash"), "User gus enabled.");
        browser.driver.findElement(By.id("user-reset")).click();
        String password = browser.await(By.cssSelector("[data-password]")).getText();
        assertTrue(password.length() >= 16, password);
        WebElement roles = browser.driver.findElement(By.id("user-roles"));
        roles.findElement(By.cssSelector("input[value=lender]")).click();
        roles.findElement(By.cssSelector("button[type=submit]")).click();
        browser.awaitText(By.id("flash"), "Roles of gus saved.");
        JsonObject gus = ConsoleHub.expect(hub.get("/api/v1/users/gus", eve), 200);
        assertEquals(new JsonArray().add("farmer").add("lender"), gus.getJsonArray("roles"), gus.encode());
        assertFalse(gus.getBoolean("disabled"));

        refused = browser.signInRefused("gus", ConsoleHub.PASSWORD);
        assertTrue(refused.startsWith("Wrong username or password."), "the old password is gone: " + refused);
        browser.signIn("gus", password);
        assertTrue(browser.driver.findElement(By.id("nav")).getText().contains("Loan book"), "the new lender role is in the navigation");
    }

    /** Opens the management panel of a user from the list (keyboard: the user's name is a button). */
    private static void manage(String username) {
        browser.await(By.cssSelector("button[aria-label='Manage user " + username + "']")).sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.awaitText(By.id("user-panel-title"), "Manage " + username);
    }

    @Test
    void operatorWorksInChineseWithTheSameNumbers() throws Exception {
        browser.signIn("eve");
        browser.open("operator/ingest");
        browser.language("zh-CN");
        try {
            assertEquals("数据接入概览", browser.heading());
            assertTrue(browser.driver.findElement(By.id("nav")).getText().contains("设备"));
            browser.checkScreen("operator-ingest-zh");
            browser.open("operator/devices");
            browser.awaitText(By.cssSelector(".pager [role=status]"), "第 1–50 行");
            browser.checkScreen("operator-devices-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void largeTextModeScalesTheWholeConsole() {
        browser.signIn("eve");
        browser.open("operator/devices");
        double before = fontSize();
        browser.driver.findElement(By.id("large-text")).click();
        try {
            assertEquals("true", browser.driver.findElement(By.id("large-text")).getDomAttribute("aria-pressed"));
            assertTrue(fontSize() >= before * 1.25, "root font size grows: " + before + " -> " + fontSize());
            browser.checkScreen("operator-devices-large-text");
        } finally {
            browser.driver.findElement(By.id("large-text")).click();
        }
    }

    private static double fontSize() {
        return Double.parseDouble(((String) browser.script("return getComputedStyle(document.documentElement).fontSize")).replace("px", ""));
    }

    @Test
    void firstRenderOfEachOperatorScreenIsMeasured() {
        browser.signIn("eve");
        for (String screen : new String[]{"operator/ingest", "operator/devices", "operator/dead-letters", "operator/location-access", "operator/users"}) {
            double ms = browser.measureFirstRender("operator", screen, "en");
            assertTrue(ms > 0, screen);
        }
    }

}
