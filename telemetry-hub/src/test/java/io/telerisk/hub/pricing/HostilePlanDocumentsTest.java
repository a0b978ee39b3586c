package io.telerisk.hub.pricing;

import io.telerisk.hub.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile plan documents sent to a running hub (docs/security.md "Hostile documents"): a YAML "billion laughs" and
 * documents nested past the limit are a 400 problem naming the limit, quickly, never a 500 or an expansion.
 */
class HostilePlanDocumentsTest {
    private static PricingFixture hub;

    @BeforeAll
    static void start() {
        hub = PricingFixture.start(PricingFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
    }

    static void refused(HttpResponse<String> r, String what, String reasonFragment) {
        assertEquals(400, r.statusCode(), what + ": " + r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), what);
        assertTrue(r.body().contains(reasonFragment), what + ": '" + r.body() + "' lacks '" + reasonFragment + "'");
        assertTrue(r.body().length() < 2000, what + ": a hostile document is not echoed: " + r.body().length());
    }

    @Test
    void aliasesAndDeepNestingInPlanDocumentsAre400WithTheLimitNamed() {
        String insurer = hub.token(Role.INSURER);
        StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol]\n");
        for (int i = 1; i < 30; i++) laughs.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        refused(hub.post("/api/v1/pricing/plans", insurer, "application/yaml", laughs + "planId: *a29\nversion: 1\n"), "billion laughs", "anchors and aliases");
        refused(hub.post("/api/v1/pricing/plans", insurer, "application/yaml", "planId: x\nnotes: " + "[".repeat(1000) + "]".repeat(1000) + "\n"),
                "deep YAML plan", "nesting depth");
        refused(hub.post("/api/v1/pricing/plans", insurer, "application/json", "{\"planId\":\"x\",\"notes\":" + "[".repeat(80) + "]".repeat(80) + "}"),
                "deep JSON plan", "nesting depth");
    }
}
