package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import org.junit.jupiter.api.Test;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator runs the hub from the console: ingest, devices and credentials, dead letters, access log, users. */
class OperatorConsoleTest extends ConsoleTestBase {

    @Test
    void ingestDashboardShowsTheCountersAndTheServersPerMinuteRates() throws Exception {
        browser.signIn("eve");
        browser.open("operator/ingest");
        assertEquals("Ingest dashboard", browser.heading());
        String eve = hub.token("acme", "eve", Role.OPERATOR);
        JsonObject stats = ConsoleHub.expect(hub.get("/api/v1/stats/ingest", eve), 200);
        JsonObject rates = ConsoleHub.expect(hub.get("/api/v1/stats/ingest/rates", eve), 200);
        assertEquals("tenant", stats.getString("scope"), "a tenant operator gets its tenant's counts, never the hub's: " + stats.encode());
        assertEquals(count(stats.getLong("received")), browser.driver.findElement(By.cssSelector("[data-stat='ingest.received'] .value")).getText());
        assertTrue(browser.driver.findElements(By.cssSelector("[data-stat='ingest.spooled']")).isEmpty(), "the hub's spool is not a tenant's");
        assertTrue(browser.mainText().contains("Your tenant's messages on this hub"), browser.mainText());
        // probe-1's traffic (ConsoleHub): the last hour's per-minute counts as the server summed them
        JsonObject totals = rates.getJsonObject("totals");
        assertTrue(totals.getLong("received") >= ConsoleHub.TRAFFIC + 2 && totals.getLong("rejected") >= 1, rates.encode());
        for (String k : new String[]{"received", "stored", "rejected", "duplicates"}) {
            assertEquals(count(totals.getLong(k)), browser.driver.findElement(By.cssSelector("[data-total='" + k + "']")).getText(), k);
        }
        assertEquals(2, browser.driver.findElements(By.cssSelector("main .chart")).size(), "rates over time and rejects by reason");
        browser.checkScreen("operator-ingest-en");
    }

    @Test
    void aPlatformOperatorSeesTheHubsCountersAndMayGrantThePlatformRole() throws Exception {
        browser.signIn("pat");
        browser.open("operator/ingest");
        assertEquals("Ingest dashboard", browser.heading());
        String pat = hub.token("acme", "pat", Role.PLATFORM_OPERATOR);
        JsonObject stats = ConsoleHub.expect(hub.get("/api/v1/stats/ingest", pat), 200);
        assertEquals("hub", stats.getString("scope"), stats.encode());
        assertEquals(count(stats.getLong("spooled")), browser.driver.findElement(By.cssSelector("[data-stat='ingest.spooled'] .value")).getText());
        assertTrue(browser.mainText().contains("Counters since this hub started"), browser.mainText());
        browser.open("operator/users");
        browser.awaitText(By.id("main"), "fay");
        assertFalse(browser.driver.findElements(By.cssSelector("input[value=platform_operator]")).isEmpty(), "offered to a platform operator");
        browser.checkScreen("platform-operator-users-en");

        browser.signIn("eve");
        browser.open("operator/users");
        browser.awaitText(By.id("main"), "fay");
        assertTrue(browser.driver.findElements(By.cssSelector("input[value=platform_operator]")).isEmpty(), "never offered to a tenant operator");
    }

    private static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    @Test
    void fleetStatusCountsByTypeAndMapsTheLastPositionsWithEachReadLogged() throws Exception {
        String eve = hub.token("acme", "eve", Role.OPERATOR);
        int loggedBefore = lastPositionReads(eve);
        browser.signIn("eve");
        browser.open("operator/fleet");
        assertEquals("Fleet status", browser.heading());
        for (String type : new String[]{"vehicle", "wearable", "farm-sensor"}) {
            long all = ConsoleHub.expect(hub.get("/api/v1/devices?limit=1&type=" + type, eve), 200).getLong("total");
            long online = ConsoleHub.expect(hub.get("/api/v1/devices?limit=1&status=online&type=" + type, eve), 200).getLong("total");
            WebElement row = browser.driver.findElement(By.cssSelector("#fleet-by-type tr[data-type='" + type + "']"));
            assertEquals(count(online), row.findElement(By.cssSelector("[data-count=online]")).getText(), type);
            assertEquals(count(all - online), row.findElement(By.cssSelector("[data-count=offline]")).getText(), type);
            assertEquals(count(all), row.findElement(By.cssSelector("[data-count=total]")).getText(), type);
        }
        JsonObject page = ConsoleHub.expect(hub.get("/api/v1/fleet/positions?offset=0&limit=50", eve), 200);
        long placed = page.getJsonArray("items").stream().map(JsonObject.class::cast).filter(d -> d.getValue("position") != null).count();
        assertTrue(placed >= Math.min(ConsoleHub.POSITIONED, 40), "the seeded fleet has positions on the first page: " + placed);
        browser.awaitText(By.cssSelector(".pager [role=status]"), "Rows 1–50 of " + count(page.getLong("total")));
        browser.waitForCharts();
        assertEquals(placed, browser.driver.findElements(By.cssSelector("#fleet-map path.leaflet-interactive")).size(), "a point per vehicle with a position");
        // each placed vehicle says how old its position is, from the hub's ageSeconds (not the browser's clock)
        String placedId = page.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(d -> d.getValue("position") != null).findFirst().orElseThrow().getString("id");
        WebElement placedRow = browser.driver.findElement(By.xpath("//tr[th[normalize-space()='" + placedId + "']]"));
        List<WebElement> cells = placedRow.findElements(By.tagName("td"));
        String age = cells.get(cells.size() - 1).getText();
        assertTrue(age.matches("now|\\d+ (second|minute|hour|day)s? ago|yesterday"), "position age of " + placedId + ": " + age);
        assertEquals("This page logged " + page.getInteger("logged") + " position reads; " + placed + " vehicles have a position on the map.",
                browser.driver.findElement(By.id("fleet-logged")).getText());
        // the browser's read and the test's own read of the same page are both in the log, one entry per vehicle seen
        assertEquals(loggedBefore + 2 * page.getInteger("logged"), lastPositionReads(eve));
        browser.checkScreen("operator-fleet-en");

        browser.driver.findElement(By.linkText("Open the location access log")).sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.awaitScreen("operator/location-access");
        browser.awaitText(By.cssSelector("main table"), "last-position");
        browser.checkScreen("operator-location-access-fleet-en");
    }

    private static int lastPositionReads(String token) throws Exception {
        JsonObject log = ConsoleHub.expect(hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z&limit=5000", token), 200);
        return (int) log.getJsonArray("items").stream().map(JsonObject.class::cast).filter(e -> "last-position".equals(e.getString("resource"))).count();
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

    /** A date and time as the console writes it in Simplified Chinese (Intl, UTC), e.g. 2026年12月6日 23:50:49 UTC. */
    static final java.util.regex.Pattern ZH_DATE_TIME = java.util.regex.Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}:\\d{2} UTC");

    @Test
    void fleetAndUsersScreensInChineseWithTheApisNumbersAndDatesPerLocale() throws Exception {
        String eve = hub.token("acme", "eve", Role.OPERATOR);
        JsonObject zh = ConsoleDictionaryTest.dictionary("zh-CN");
        browser.signIn("eve");
        browser.open("operator/fleet");
        browser.language("zh-CN");
        try {
            assertEquals(zh.getString("fleet.title"), browser.heading());
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.SIMPLIFIED_CHINESE);
            long all = ConsoleHub.expect(hub.get("/api/v1/devices?limit=1&type=vehicle", eve), 200).getLong("total");
            assertEquals(n.format(all), browser.driver.findElement(By.cssSelector("#fleet-by-type tr[data-type='vehicle'] [data-count=total]")).getText());
            assertEquals(zh.getString("device.type.vehicle"), browser.driver.findElement(By.cssSelector("#fleet-by-type tr[data-type='vehicle'] th")).getText());
            long total = ConsoleHub.expect(hub.get("/api/v1/fleet/positions?offset=0&limit=1", eve), 200).getLong("total");
            browser.awaitText(By.cssSelector(".pager [role=status]"), n.format(total));
            browser.waitForCharts();
            assertTrue(ZH_DATE_TIME.matcher(browser.mainText()).find(), "last seen as a Chinese date: " + browser.mainText());
            assertFalse(browser.mainText().contains(" UTC") && browser.mainText().matches("(?s).*\\b(AM|PM)\\b.*"), "no English times");
            browser.assertTranslated("operator-fleet-zh");
            browser.checkScreen("operator-fleet-zh");

            browser.open("operator/users");
            browser.awaitText(By.id("main"), "fay");
            assertEquals(zh.getString("users.title"), browser.heading());
            WebElement fay = browser.driver.findElement(By.xpath("//main//tbody/tr[.//button[text()='fay']]"));
            assertTrue(fay.getText().contains(zh.getString("role.farmer")) && fay.getText().contains(zh.getString("users.active")), fay.getText());
            assertTrue(ZH_DATE_TIME.matcher(fay.getText()).find(), "created as a Chinese date: " + fay.getText());
            browser.assertTranslated("operator-users-zh");
            browser.checkScreen("operator-users-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void aPlatformOperatorPicksATenantAndItsOperatorScreensShowThatTenant() throws Exception {
        String pat = hub.token("acme", "pat", Role.PLATFORM_OPERATOR);
        browser.signIn("pat");
        org.openqa.selenium.support.ui.Select picker = new org.openqa.selenium.support.ui.Select(browser.await(By.id("tenant")));
        JsonObject tenants = ConsoleHub.expect(hub.get("/api/v1/tenants", pat), 200);
        java.util.Set<String> listed = new java.util.TreeSet<>();
        tenants.getJsonArray("items").forEach(o -> listed.add(((JsonObject) o).getString("tenant")));
        browser.until("the tenants in the picker", d -> picker.getOptions().size() == listed.size());
        assertEquals(listed, new java.util.TreeSet<>(picker.getOptions().stream().map(o -> o.getDomAttribute("value")).toList()));
        assertTrue(listed.contains("rival"), listed.toString());
        assertEquals("acme", picker.getFirstSelectedOption().getDomAttribute("value"), "its own tenant first");
        try {
            browser.script("window.__telerisk = null");
            picker.selectByValue("rival");
            browser.awaitScreen("operator/ingest");
            browser.go("operator/devices");
            long rivalDevices = ConsoleHub.expect(hub.get("/api/v1/devices?tenant=rival&limit=1", pat), 200).getLong("total");
            browser.awaitText(By.cssSelector(".pager [role=status]"), "of " + count(rivalDevices));
            assertTrue(browser.mainText().contains("rival-car"), browser.mainText());
            assertFalse(browser.mainText().contains("fleet-0"), "acme's devices are not listed for rival");
            browser.checkScreen("platform-operator-tenant-rival-devices-en");
            browser.go("operator/users");
            browser.awaitText(By.id("main"), "ron");
            assertTrue(browser.mainText().contains("rita"), browser.mainText());
            assertFalse(browser.mainText().contains("fay"), "acme's users are not listed for rival");
            // the choice lasts for the tab: a fresh load of a screen still shows rival
            browser.open("operator/dead-letters");
            assertEquals("rival", new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("tenant"))).getFirstSelectedOption().getDomAttribute("value"));
        } finally {
            browser.script("window.__telerisk = null");
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("tenant"))).selectByValue("acme");
            browser.until("back on acme", d -> browser.script("return window.__telerisk") != null);
        }
        browser.go("operator/devices");
        browser.awaitText(By.cssSelector("main table"), "fleet-0");
    }

    @Test
    void aTenantOperatorNeverSeesTheTenantPickerAndCannotActForAnotherTenant() {
        browser.signIn("eve");
        assertFalse(browser.driver.findElement(By.id("tenant-picker")).isDisplayed(), "no picker for a tenant operator");
        // a tenant written into the tab's storage by hand is not sent for a tenant operator (the API would refuse it)
        browser.script("sessionStorage.setItem('telerisk.actingTenant', 'rival')");
        browser.open("operator/devices");
        browser.awaitText(By.cssSelector("main table"), "fleet-0");
        assertFalse(browser.mainText().contains("rival-car"), browser.mainText());
        assertFalse(browser.driver.findElement(By.id("tenant-picker")).isDisplayed());
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
        for (String screen : new String[]{"operator/ingest", "operator/fleet", "operator/devices", "operator/dead-letters", "operator/location-access", "operator/users"}) {
            double ms = browser.measureFirstRender("operator", screen, "en");
            assertTrue(ms > 0, screen);
        }
    }

}
