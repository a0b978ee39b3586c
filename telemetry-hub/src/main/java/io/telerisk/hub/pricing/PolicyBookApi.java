package io.telerisk.hub.pricing;

import io.telerisk.hub.api.ApiException;
import io.telerisk.pricing.glm.DataTable;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static io.telerisk.hub.pricing.PricingFields.id;
import static io.telerisk.hub.pricing.PricingFields.money;
import static io.telerisk.hub.pricing.PricingFields.number;
import static io.telerisk.hub.pricing.PricingFields.text;

/**
 * The policy book behind {@code /api/v1/pricing/policies}: bulk import as JSON or CSV (every bad policy reported
 * with where it is, nothing stored then) and paged listing, per product line. Blocks on JDBC.
 */
public final class PolicyBookApi {
    /** Most policies in one import request. */
    public static final int MAX_POLICIES_PER_REQUEST = 10_000;
    /** CSV columns that describe the policy; every other column is a plan variable of its rating inputs. */
    static final Set<String> CSV_POLICY_COLUMNS = Set.of("policyId", "productLine", "deviceId", "priorAdjustment", "currentPremium");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final JdbcPolicyBook book;
    private final Clock clock;

    PolicyBookApi(JdbcPolicyBook book, Clock clock) {
        this.book = Objects.requireNonNull(book);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Inserts or replaces policies: a single policy object or {@code {"policies": [...]}}. Each has policyId,
     * productLine (its book), optional deviceId, inputs (plan variables), optional priorAdjustment and currentPremium
     * (decimal string). Every bad policy is reported as {@code policies[i]} (400) and nothing is stored then.
     */
    public PricingReply upsert(String tenant, JsonObject body) {
        List<Object> raw = new ArrayList<>();
        if (body.containsKey("policies")) {
            if (!(body.getValue("policies") instanceof JsonArray a)) throw ApiException.badRequest("field 'policies' must be an array");
            a.forEach(raw::add);
        } else {
            raw.add(body);
        }
        List<String> where = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) where.add("policies[" + i + "]");
        return store(tenant, raw, where);
    }

    /**
     * Imports a CSV policy book: a header row with policyId, productLine, optional deviceId, priorAdjustment and
     * currentPremium, and any plan variables as further columns (an empty cell: not given). Every bad row is
     * reported with its line number in the file (the header is line 1) and nothing is stored then.
     */
    public PricingReply importCsv(String tenant, CsvUpload csv) {
        DataTable t = PricingFields.csvTable(csv);
        for (String required : List.of("policyId", "productLine")) {
            if (!t.has(required)) throw ApiException.badRequest("CSV header must have a '" + required + "' column; it has " + t.names());
        }
        List<Object> raw = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            JsonObject p = new JsonObject();
            JsonObject inputs = new JsonObject();
            for (String col : t.names()) {
                String v = t.plainNumber(col, r);
                if (v == null || v.isEmpty()) continue;
                if (CSV_POLICY_COLUMNS.contains(col)) {
                    p.put(col, col.equals("priorAdjustment") && DECIMAL.matcher(v).matches() ? (Object) Double.parseDouble(v) : v);
                } else {
                    inputs.put(col, DECIMAL.matcher(v).matches() ? (Object) Double.parseDouble(v) : v);
                }
            }
            raw.add(p.put("inputs", inputs));
            where.add("line " + t.line(r));
        }
        return store(tenant, raw, where);
    }

    private PricingReply store(String tenant, List<Object> raw, List<String> where) {
        if (raw.isEmpty()) throw ApiException.badRequest("no policies given");
        if (raw.size() > MAX_POLICIES_PER_REQUEST) throw ApiException.badRequest("at most " + MAX_POLICIES_PER_REQUEST + " policies per request");
        List<JdbcPolicyBook.Policy> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> byLine = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                if (!(raw.get(i) instanceof JsonObject p)) throw ApiException.badRequest("must be an object");
                String policyId = id(p, "policyId");
                if (!seen.add(policyId)) throw ApiException.badRequest("policy " + policyId + " given twice");
                String productLine = text(p, "productLine", true);
                String deviceId = p.getValue("deviceId") == null ? null : id(p, "deviceId");
                Object inputs = p.getValue("inputs");
                if (!(inputs instanceof JsonObject in)) throw ApiException.badRequest("field 'inputs' must be an object of plan variables");
                Double prior = number(p, "priorAdjustment");
                RatingInput.fromProfile(policyId, in.getMap(), prior); // refuses unknown variables and wrong kinds now
                BigDecimal premium = money(p, "currentPremium");
                ok.add(new JdbcPolicyBook.Policy(policyId, productLine, deviceId, in.getMap(), prior, premium, now));
                byLine.merge(productLine.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            } catch (ApiException | RatingException e) {
                problems.add(where.get(i) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw PricingProblem.badRequest(problems.size() + " bad polic" + (problems.size() == 1 ? "y" : "ies") + "; nothing stored", problems);
        }
        book.upsert(tenant, ok);
        JsonObject lines = new JsonObject();
        byLine.forEach(lines::put);
        return PricingReply.ok(new JsonObject().put("tenant", tenant).put("upserted", ok.size()).put("byProductLine", lines));
    }

    /** A page of the tenant's policies by id, of one product line or of all ({@code productLine} null). */
    public PricingReply list(String tenant, String productLine, int offset, int limit) {
        JsonArray items = new JsonArray();
        for (JdbcPolicyBook.Policy p : book.list(tenant, productLine, offset, limit)) items.add(PricingJson.policy(p));
        return PricingReply.ok(new JsonObject().put("items", items).put("total", book.count(tenant, productLine))
                .put("offset", offset).put("limit", limit));
    }
}
