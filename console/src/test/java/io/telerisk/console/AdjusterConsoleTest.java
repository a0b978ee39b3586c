package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adjuster works the queue in the console: opens a crash claim with its evidence, decides it (a second adjuster
 * approves when four eyes are needed), and the decision shows in the ledger verification.
 */
class AdjusterConsoleTest extends ConsoleTestBase {

    private static String adjusterToken() {
        return hub.token("acme", "cat", Role.ADJUSTER);
    }

    @Test
    void queueShowsTheClaimsTotalWithOnePageInTheBrowser() throws Exception {
        browser.signIn("cat");
        browser.open("adjuster/queue");
        JsonObject queue = ConsoleHub.expect(hub.get("/api/v1/claims/queue?limit=50", adjusterToken()), 200);
        int total = queue.getInteger("total");
        assertTrue(total >= 1, queue.encode());
        browser.awaitText(By.cssSelector(".pager [role=status]"), "of " + NumberFormat.getIntegerInstance(Locale.US).format(total));
        assertEquals(Math.min(50, total), browser.driver.findElements(By.cssSelector("main tbody tr")).size());
        String firstShown = browser.driver.findElement(By.cssSelector("main tbody tr th")).getText();
        assertEquals(queue.getJsonArray("items").getJsonObject(0).getString("claimId"), firstShown, "same order as the API");
        browser.checkScreen("adjuster-queue-en");
    }

    @Test
    void adjusterDecidesACrashClaimThatThenShowsInTheLedger() throws Exception {
        String id = hub.claimToDecide;
        int entriesBefore = ConsoleHub.expect(hub.get("/api/v1/claims/ledger/verify", adjusterToken()), 200).getInteger("entries");
        browser.signIn("cat");
        browser.open("adjuster/claims/" + id);
        assertEquals("Claim " + id, browser.heading());
        assertTrue(browser.driver.findElements(By.cssSelector("main .chart")).size() >= 2, "acceleration and speed charts");
        JsonObject shown = ConsoleHub.expect(hub.get("/api/v1/claims/" + id, adjusterToken()), 200);
        String device = shown.getJsonObject("device").getString("type") + "/" + shown.getJsonObject("device").getString("deviceId");
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains(device), "the claim's device " + device + " is shown");
        browser.checkScreen("adjuster-claim-en");

        decide("approve", "COVERED_AS_ASSESSED");
        JsonObject claim = ConsoleHub.expect(hub.get("/api/v1/claims/" + id, adjusterToken()), 200);
        if ("AWAITING_SECOND_APPROVAL".equals(claim.getString("status"))) {
            browser.awaitText(By.id("claim-status"), "Awaiting second approval");
            browser.signIn("dan");
            browser.open("adjuster/claims/" + id);
            decide("approve", "COVERED_AS_ASSESSED");
            claim = ConsoleHub.expect(hub.get("/api/v1/claims/" + id, adjusterToken()), 200);
        }
        assertEquals("APPROVED", claim.getString("status"), claim.encode());
        browser.awaitText(By.id("claim-status"), "Approved");
        assertEquals("EUR", claim.getString("currency"));
        String amount = "€" + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US))
                .format(new BigDecimal(claim.getValue("amount").toString()));
        assertEquals(amount, browser.driver.findElement(By.id("claim-amount")).getText(), "the amount the API approved");
        browser.screenshot("adjuster-claim-decided-en");

        int entriesAfter = ConsoleHub.expect(hub.get("/api/v1/claims/ledger/verify", adjusterToken()), 200).getInteger("entries");
        assertTrue(entriesAfter > entriesBefore, "the decision is in the ledger");
        browser.open("adjuster/ledger");
        browser.awaitText(By.id("ledger-verdict"), "The ledger is intact.");
        assertTrue(browser.mainText().contains(NumberFormat.getIntegerInstance(Locale.US).format(entriesAfter)), browser.mainText());
        browser.checkScreen("adjuster-ledger-en");
    }

    private static void decide(String decision, String reason) {
        var form = browser.await(By.id("decision"));
        new Select(form.findElement(By.name("decision"))).selectByValue(decision);
        new Select(form.findElement(By.name("reasonCode"))).selectByValue(reason);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.awaitText(By.id("flash"), "Decision recorded in the ledger.");
    }

    @Test
    void adjusterWorksInChinese() {
        browser.signIn("cat");
        browser.open("adjuster/queue");
        browser.language("zh-CN");
        try {
            assertEquals("理赔队列", browser.heading());
            browser.checkScreen("adjuster-queue-zh");
            browser.open("adjuster/claims/CRASH-acme-c-00001");
            assertEquals("理赔 CRASH-acme-c-00001", browser.heading());
            assertTrue(browser.mainText().contains("碰撞证据"), browser.mainText());
            browser.checkScreen("adjuster-claim-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfEachAdjusterScreenIsMeasured() {
        browser.signIn("cat");
        // five rounds, so docs/benchmarks.md can give medians of one run
        for (int round = 0; round < 5; round++) {
            for (String screen : new String[]{"adjuster/queue", "adjuster/claims/CRASH-acme-c-00002", "adjuster/ledger"}) {
                assertTrue(browser.measureFirstRender("adjuster", screen, "en") > 0, screen);
            }
        }
    }
}
