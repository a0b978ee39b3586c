package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The insurer's desk beyond the plan lifecycle: an impact analysis of a draft against the plan in force over a policy
 * book (summary, caps and floors, percentiles and the per-policy drill-down as the API computed them), the four-eyes
 * inbox leading to the approval, the editor's inline check (problems with their paths and the plan's test cases
 * without saving), and the risk-score model card reached from the quote explorer.
 */
class InsurerDeskConsoleTest extends ConsoleTestBase {
    /** A product line of its own, so this book and these plans do not meet the other insurer tests'. */
    private static final String LINE = "motor-desk";
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    private static String ann() {
        return hub.token("acme", "ann", Role.INSURER);
    }

    private static String bob() {
        return hub.token("acme", "bob", Role.INSURER);
    }

    /** desk-ie v1 in force (written by ann, approved by bob), v2 a draft with dearer young and London drivers; a book of 40. */
    @BeforeAll
    static void seedDesk() throws Exception {
        JsonObject v1 = plan("desk-ie", 1);
        ConsoleHub.expect(hub.post("/api/v1/pricing/plans", ann(), v1), 201);
        ConsoleHub.expect(hub.post("/api/v1/pricing/plans/desk-ie/approve", bob(), new JsonObject().put("version", 1)), 200);
        ConsoleHub.expect(hub.post("/api/v1/pricing/plans/desk-ie/activate", ann(), new JsonObject().put("version", 1)), 200);
        JsonObject v2 = plan("desk-ie", 2);
        JsonArray factors = v2.getJsonArray("factors");
        factors.getJsonObject(0).getJsonArray("bands").getJsonObject(0).put("relativity", 2.60);
        factors.getJsonObject(2).getJsonObject("levels").put("london", 1.70).put("rural", 0.80);
        ConsoleHub.expect(hub.post("/api/v1/pricing/plans", ann(), v2), 201);
        JsonArray policies = new JsonArray();
        String[] territories = {"london", "urban", "suburban", "rural"};
        for (int i = 0; i < 40; i++) {
            policies.add(new JsonObject().put("policyId", "DESK-%02d".formatted(i)).put("productLine", LINE)
                    .put("deviceId", i % 4 == 0 ? "car-1" : "fleet-%05d".formatted(i))
                    .put("inputs", new JsonObject().put("driverAge", 18 + (i * 7) % 60).put("vehicleGroup", 1 + (i * 11) % 45)
                            .put("territory", territories[i % 4]).put("noClaimsYears", i % 9))
                    .put("priorAdjustment", i % 5 == 0 ? Double.valueOf(1.3) : i % 5 == 1 ? Double.valueOf(0.8) : null));
        }
        ConsoleHub.expect(hub.post("/api/v1/pricing/policies", ann(), new JsonObject().put("policies", policies)), 200);
    }

    private static JsonObject plan(String id, int version) throws Exception {
        return InsurerConsoleTest.motorPlan(id).put("version", version).put("productLine", LINE).put("jurisdiction", "IE").put("currency", "EUR");
    }

    @Test
    void impactAnalysisOfADraftShowsTheRunTheApiStoredWithItsPerPolicyResults() throws Exception {
        browser.signIn("ann");
        browser.open("insurer/impact");
        WebElement form = browser.await(By.id("impact-form"));
        new Select(form.findElement(By.name("draft"))).selectByValue("desk-ie@2");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        setDate(form, "ratingFrom", today.plusDays(1));
        setDate(form, "ratingTo", today.plusDays(366));
        setDate(form, "usageFrom", today.minusDays(30));
        setDate(form, "usageTo", today);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        String runId = browser.until("the impact run's page", d -> {
            Object h = browser.script("return window.__telerisk && window.__telerisk.hash");
            return h instanceof String s && s.matches("#/insurer/impact/\\d+") ? s.substring("#/insurer/impact/".length()) : null;
        });
        browser.awaitText(By.cssSelector(".pager [role=status]"), "of");
        JsonObject run = ConsoleHub.expect(hub.get("/api/v1/pricing/impact/" + runId, ann()), 200);
        assertEquals(40, run.getInteger("policies"), run.encode());
        assertEquals("desk-ie", run.getJsonObject("active").getString("planId"), "the plan in force is the baseline");
        assertEquals(today.plusDays(1).toString(), run.getString("ratingFrom"));
        assertEquals(today.minusDays(30).toString(), run.getString("usageFrom"), "the usage window is its own");
        assertTrue(run.getInteger("increased") > 0, "the draft is dearer for some: " + run.encode());
        assertEquals(COUNT.format(run.getInteger("policies")), text("impact-policies"));
        assertEquals(COUNT.format(run.getInteger("rated")), text("impact-rated"));
        assertEquals(COUNT.format(run.getInteger("increased")), text("impact-increased"));
        assertEquals(COUNT.format(run.getInteger("decreased")), text("impact-decreased"));
        assertEquals(COUNT.format(run.getInteger("unchanged")), text("impact-unchanged"));
        assertEquals(InsurerConsoleTest.money(run.getString("totalActive")), text("impact-total-active"));
        assertEquals(InsurerConsoleTest.money(run.getString("totalDraft")), text("impact-total-draft"));
        BigDecimal change = new BigDecimal(run.getString("totalChangePercent"));
        assertEquals((change.signum() > 0 ? "+" : "") + InsurerConsoleTest.money(change.toPlainString()) + " %", text("impact-total-change"));
        for (String limit : List.of("capped", "floored", "minimumPremium")) {
            List<WebElement> cells = browser.driver.findElements(By.cssSelector("#impact-limits tr[data-limit=" + limit + "] td"));
            assertEquals(COUNT.format(run.getJsonObject("draftLimits").getInteger(limit)), cells.get(0).getText(), limit + " under the draft");
            assertEquals(COUNT.format(run.getJsonObject("activeLimits").getInteger(limit)), cells.get(1).getText(), limit + " in force");
        }
        JsonArray histogram = run.getJsonArray("histogram");
        List<WebElement> buckets = browser.driver.findElements(By.cssSelector("#impact-histogram tbody td"));
        assertEquals(histogram.size(), buckets.size());
        for (int i = 0; i < histogram.size(); i++) {
            assertEquals(COUNT.format(histogram.getJsonObject(i).getInteger("policies")), buckets.get(i).getDomProperty("textContent"), "bucket " + i);
        }
        assertEquals(run.getJsonObject("percentiles").size(), browser.driver.findElements(By.cssSelector("#impact-percentiles td")).size());
        browser.checkScreen("insurer-impact-run-en");

        // drill-down: the premiums that rise, paged by the server, in the API's order
        JsonObject up = ConsoleHub.expect(hub.get("/api/v1/pricing/impact/" + runId + "/policies?outcome=increased&limit=50", ann()), 200);
        WebElement filter = browser.driver.findElement(By.cssSelector("form[role=search]"));
        new Select(filter.findElement(By.name("outcome"))).selectByValue("increased");
        filter.findElement(By.cssSelector("button[type=submit]")).click();
        browser.awaitText(By.cssSelector(".pager [role=status]"), "of " + COUNT.format(up.getInteger("total")));
        JsonObject first = up.getJsonArray("items").getJsonObject(0);
        WebElement row = browser.driver.findElement(By.cssSelector("main .paged tbody tr"));
        assertEquals(first.getString("policyId"), row.findElement(By.tagName("th")).getText());
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals(InsurerConsoleTest.money(first.getString("activePremium")), cells.get(1).getText());
        assertEquals(InsurerConsoleTest.money(first.getString("draftPremium")), cells.get(2).getText());
        assertEquals(up.getInteger("total"), run.getInteger("increased"), "the drill-down counts what the summary counts");
    }

    @Test
    void secondInsurerFindsTheDraftInTheInboxAndApprovesItOnThePlanPage() throws Exception {
        ConsoleHub.expect(hub.post("/api/v1/pricing/plans", ann(), plan("inbox-ie", 1).put("productLine", LINE + "-inbox")), 201);
        JsonObject inbox = ConsoleHub.expect(hub.get("/api/v1/pricing/plans/awaiting-approval", bob()), 200);
        browser.signIn("bob");
        browser.open("insurer/inbox");
        assertEquals("%s drafts await your approval.".formatted(COUNT.format(inbox.getInteger("total"))), text("inbox-count"));
        assertEquals(inbox.getInteger("total"), browser.driver.findElements(By.cssSelector("#inbox-others tbody tr")).size());
        WebElement row = browser.await(By.cssSelector("#inbox-others tr[data-plan='inbox-ie'][data-version='1']"));
        assertTrue(row.getText().contains("Ready to approve"), row.getText());
        browser.checkScreen("insurer-inbox-en");
        row.findElement(By.tagName("a")).click();
        browser.awaitScreen("insurer/plans/inbox-ie");
        browser.driver.findElement(By.cssSelector("tr[data-version='1'] button[data-action=approve]")).click();
        browser.awaitText(By.cssSelector("tr[data-version='1'] td[data-status]"), "approved");
        browser.open("insurer/inbox");
        assertTrue(browser.driver.findElements(By.cssSelector("tr[data-plan='inbox-ie']")).isEmpty(), "approved: out of the inbox");
        assertEquals(inbox.getInteger("total") - 1,
                ConsoleHub.expect(hub.get("/api/v1/pricing/plans/awaiting-approval", bob()), 200).getInteger("total"));
    }

    @Test
    void editorChecksTheDocumentAsTheInsurerTypesWithoutSavingIt() throws Exception {
        browser.signIn("ann");
        browser.open("insurer/plans/new");
        // two problems at once: a gap between two driver-age bands and an id with a space
        JsonObject broken = plan("desk live", 1);
        broken.getJsonArray("factors").getJsonObject(0).getJsonArray("bands").getJsonObject(1).put("over", 22);
        type(broken.encodePrettily());
        browser.await(By.cssSelector("#plan-check [data-check=invalid]"));
        JsonObject expected = ConsoleHub.expect(hub.post("/api/v1/pricing/plans/validate", ann(), broken), 200);
        List<WebElement> problems = browser.driver.findElements(By.cssSelector("#plan-check-problems li"));
        assertEquals(expected.getJsonArray("problems").size(), problems.size(), "every problem of the one pass");
        assertTrue(expected.getJsonArray("problems").size() >= 2, expected.encode());
        assertTrue(problems.stream().anyMatch(li -> li.getDomAttribute("data-path") != null
                && li.findElement(By.tagName("code")).getText().startsWith("$.")), "problems carry their JSON path");
        browser.checkScreen("insurer-plan-check-problems-en");

        JsonObject valid = plan("desk-live", 1);
        type(valid.encodePrettily());
        browser.await(By.cssSelector("#plan-check [data-check=valid]"));
        JsonObject checked = ConsoleHub.expect(hub.post("/api/v1/pricing/plans/validate", ann(), valid), 200);
        JsonArray tests = checked.getJsonArray("tests");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#plan-check-tests tbody tr"));
        assertEquals(tests.size(), rows.size());
        for (int i = 0; i < tests.size(); i++) {
            JsonObject c = tests.getJsonObject(i);
            assertEquals(c.getString("name"), rows.get(i).findElement(By.tagName("th")).getText());
            assertEquals(String.valueOf(c.getBoolean("passed")), rows.get(i).getDomAttribute("data-passed"));
            assertEquals(InsurerConsoleTest.money(c.getString("actual")), rows.get(i).findElements(By.tagName("td")).get(2).getText(), "the premium the engine computed");
        }
        assertEquals(404, hub.get("/api/v1/pricing/plans/desk-live/versions", ann()).statusCode(), "checking saves nothing");
        browser.checkScreen("insurer-plan-check-valid-en");
    }

    @Test
    void modelCardOfTheRiskScoreIsReachedFromTheQuoteExplorer() throws Exception {
        browser.signIn("ann");
        browser.open("insurer/quote");
        browser.driver.findElement(By.id("quote-model-card")).click();
        browser.awaitScreen("insurer/score-model");
        JsonObject model = ConsoleHub.expect(hub.get("/api/v1/pricing/score-model", ann()), 200);
        JsonObject card = model.getJsonObject("card");
        assertEquals(card.getString("name"), text("model-name"));
        assertEquals(model.getString("model"), text("model-recorded"), "the name quotes record as scoreModel");
        assertEquals(card.getJsonArray("features").getList(), browser.driver.findElements(By.cssSelector("#model-features li"))
                .stream().map(WebElement::getText).toList());
        assertEquals(card.getJsonArray("limitations").size(), browser.driver.findElements(By.cssSelector("#model-limitations li")).size());
        JsonObject metrics = card.getJsonObject("heldOutMetrics");
        assertEquals(metrics.size(), browser.driver.findElements(By.cssSelector("#model-metrics tbody tr")).size());
        for (String metric : metrics.fieldNames()) {
            String shown = browser.driver.findElement(By.cssSelector("#model-metrics tr[data-metric='" + metric + "'] td")).getText();
            assertEquals(new DecimalFormat("#,##0.0000", DecimalFormatSymbols.getInstance(Locale.US)).format(metrics.getDouble(metric)), shown, metric);
        }
        browser.checkScreen("insurer-model-card-en");
    }

    @Test
    void deskScreensInChinese() {
        browser.signIn("ann");
        browser.open("insurer/inbox");
        browser.language("zh-CN");
        try {
            assertEquals("审批收件箱", browser.heading());
            browser.checkScreen("insurer-inbox-zh");
            browser.open("insurer/impact");
            assertEquals("影响分析", browser.heading());
            browser.checkScreen("insurer-impact-zh");
            browser.open("insurer/score-model");
            assertEquals("风险评分模型卡", browser.heading());
            browser.checkScreen("insurer-model-card-zh");
        } finally {
            browser.language("en");
        }
    }

    @Test
    void firstRenderOfEachDeskScreenIsMeasured() {
        browser.signIn("ann");
        for (String screen : new String[]{"insurer/inbox", "insurer/impact", "insurer/score-model"}) {
            assertTrue(browser.measureFirstRender("insurer", screen, "en") > 0, screen);
        }
    }

    private static String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    /** Sets a date input as a user's picker does (the value, then the events the form listens to). */
    private static void setDate(WebElement form, String name, LocalDate date) {
        browser.script("const i = arguments[0]; i.value = arguments[1]; i.dispatchEvent(new Event('input', {bubbles: true}));"
                + " i.dispatchEvent(new Event('change', {bubbles: true}))", form.findElement(By.name(name)), date.toString());
    }

    /** Replaces the editor's text and fires the input event a keystroke fires (typing a whole plan key by key is slow). */
    private static void type(String text) {
        browser.script("const t = document.querySelector('textarea[name=document]'); t.value = arguments[0];"
                + " t.dispatchEvent(new Event('input', {bubbles: true}))", text);
    }
}
