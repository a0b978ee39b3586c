package io.telerisk.pricing.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plan document from JSON. Shape errors (wrong types, unknown fields, missing keys) are collected with
 * their paths and thrown together as a {@link PlanDocumentException}; semantic rules are {@link PlanValidator}'s.
 * Hostile documents are refused before they cost memory or time (docs/security.md "Hostile documents"): at most
 * {@value #MAX_DOCUMENT_CHARS} characters, {@value #MAX_NESTING_DEPTH} levels of nesting and {@value #MAX_STRING_CHARS}
 * characters in one string; in YAML no anchors or aliases.
 */
public final class PlanDocumentReader {
    /** Largest document, characters (and YAML code points); a real plan is a few kilobytes. */
    public static final int MAX_DOCUMENT_CHARS = 4_000_000;
    /** Deepest nesting of objects and arrays; a plan is about six levels deep. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value, characters (notes and names included). */
    public static final int MAX_STRING_CHARS = 1_000_000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_CHARS).maxNameLength(1024).build();

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final YAMLFactory YAML_FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).streamReadConstraints(LIMITS).build();
    private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper(YAML_FACTORY)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** SnakeYAML's own limits, the same as the JSON ones; no aliases at all (see {@link #refuseAnchorsAndAliases}). */
    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_DOCUMENT_CHARS);
        o.setNestingDepthLimit(MAX_NESTING_DEPTH);
        o.setMaxAliasesForCollections(1);
        o.setAllowRecursiveKeys(false);
        return o;
    }

    private final List<PlanProblem> problems = new ArrayList<>();

    private PlanDocumentReader() {}

    /** Reads a plan from a file: YAML when it ends in .yaml or .yml, JSON otherwise. */
    public static RatingPlan read(Path file) {
        try {
            if (Files.size(file) > MAX_DOCUMENT_CHARS) {
                throw new PlanDocumentException("plan " + file, List.of(new PlanProblem("$", "document larger than " + MAX_DOCUMENT_CHARS + " bytes")));
            }
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) return parseYaml(Files.readString(file));
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new PlanDocumentException("plan " + file, List.of(new PlanProblem("$", "cannot read: " + e.getMessage())));
        }
    }

    /** Reads a plan from a class-path resource, e.g. "/plans/motor-payd-gb.json". */
    public static RatingPlan readResource(String resource) {
        try (InputStream in = PlanDocumentReader.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no plan resource " + resource);
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read plan resource " + resource, e);
        }
    }

    /** Parses a JSON plan document. */
    public static RatingPlan parse(String json) {
        return parse(json, MAPPER, "JSON");
    }

    /** Parses a YAML plan document (same fields as JSON; write decimals as numbers or quoted strings). */
    public static RatingPlan parseYaml(String yaml) {
        return parse(yaml, YAML, "YAML");
    }

    private static RatingPlan parse(String json, ObjectMapper mapper, String format) {
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new PlanDocumentException("plan document", List.of(new PlanProblem("$", "document larger than " + MAX_DOCUMENT_CHARS + " characters")));
        }
        JsonNode root;
        try {
            if (mapper == YAML) refuseAnchorsAndAliases(json);
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PlanDocumentException("plan document", List.of(new PlanProblem("$", "malformed " + format + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr()))));
        } catch (IOException e) { // not thrown for a String source; kept apart from the message above
            throw new PlanDocumentException("plan document", List.of(new PlanProblem("$", "unreadable " + format)));
        }
        if (root == null || !root.isObject()) {
            throw new PlanDocumentException("plan document", List.of(new PlanProblem("$", "must be a JSON object")));
        }
        PlanDocumentReader r = new PlanDocumentReader();
        RatingPlan plan = r.plan((ObjectNode) root);
        if (!r.problems.isEmpty()) throw new PlanDocumentException("plan document", r.problems);
        return plan;
    }

    /**
     * Refuses YAML anchors and aliases. Jackson would read an alias as its anchor's name (a string, silently wrong),
     * and expanding them is the "billion laughs" attack; a plan never needs them.
     */
    private static void refuseAnchorsAndAliases(String yaml) throws IOException {
        try (YAMLParser p = YAML_FACTORY.createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias() || p.getObjectId() != null) {
                    throw new PlanDocumentException("plan document", List.of(new PlanProblem("$", "YAML anchors and aliases (&name, *name) are not"
                            + " accepted in plan documents; write each value out (line " + p.currentLocation().getLineNr() + ")")));
                }
            }
        }
    }

    private RatingPlan plan(ObjectNode n) {
        allowOnly(n, "$", Set.of("planId", "version", "name", "productLine", "jurisdiction", "currency", "effectiveFrom",
                "author", "exposure", "factors", "telematics", "wellness", "minimumPremium", "fees", "taxes",
                "claimFrequency", "tests", "deviation", "notes"));
        String planId = str(n, "planId", "$", true);
        Integer version = integer(n, "version", "$", true);
        PlanKey key = null;
        if (planId != null && version != null) {
            try {
                key = new PlanKey(planId, version);
            } catch (IllegalArgumentException e) {
                problem("$", e.getMessage());
            }
        }
        Jurisdiction jurisdiction = null;
        String j = str(n, "jurisdiction", "$", true);
        if (j != null) {
            try {
                jurisdiction = Jurisdiction.parse(j);
            } catch (IllegalArgumentException e) {
                problem("$.jurisdiction", e.getMessage());
            }
        }
        RatingPlan.Exposure exposure = n.has("exposure") ? exposure(obj(n, "exposure", "$")) : null;
        List<RatingPlan.Factor> factors = null;
        if (n.has("factors")) {
            factors = new ArrayList<>();
            JsonNode arr = n.get("factors");
            if (!arr.isArray()) problem("$.factors", "must be an array");
            else for (int i = 0; i < arr.size(); i++) factors.add(factor(arr.get(i), "$.factors[" + i + "]"));
        }
        RatingPlan.Telematics telematics = n.has("telematics") ? telematics(obj(n, "telematics", "$"), "$.telematics") : null;
        RatingPlan.Wellness wellness = n.has("wellness") ? wellness(obj(n, "wellness", "$"), "$.wellness") : null;
        List<RatingPlan.Fee> fees = null;
        if (n.has("fees")) {
            fees = new ArrayList<>();
            int i = 0;
            for (JsonNode f : array(n, "fees", "$")) {
                String p = "$.fees[" + i++ + "]";
                if (!f.isObject()) { problem(p, "must be an object"); continue; }
                allowOnly(f, p, Set.of("name", "amount"));
                fees.add(new RatingPlan.Fee(str(f, "name", p, true), money(f, "amount", p, true)));
            }
        }
        List<RatingPlan.Tax> taxes = null;
        if (n.has("taxes")) {
            taxes = new ArrayList<>();
            int i = 0;
            for (JsonNode t : array(n, "taxes", "$")) {
                String p = "$.taxes[" + i++ + "]";
                if (!t.isObject()) { problem(p, "must be an object"); continue; }
                allowOnly(t, p, Set.of("name", "ratePercent"));
                taxes.add(new RatingPlan.Tax(str(t, "name", p, true), money(t, "ratePercent", p, true)));
            }
        }
        RatingPlan.ClaimFrequency cf = null;
        if (n.has("claimFrequency")) {
            JsonNode c = obj(n, "claimFrequency", "$");
            if (c != null) {
                allowOnly(c, "$.claimFrequency", Set.of("intercept", "source"));
                Double b0 = num(c, "intercept", "$.claimFrequency", true);
                cf = new RatingPlan.ClaimFrequency(b0 == null ? 0 : b0, str(c, "source", "$.claimFrequency", false));
            }
        }
        List<RatingPlan.TestCase> tests = new ArrayList<>();
        if (n.has("tests")) {
            int i = 0;
            for (JsonNode t : array(n, "tests", "$")) tests.add(testCase(t, "$.tests[" + i++ + "]"));
        }
        RatingPlan.Deviation deviation = null;
        if (n.has("deviation")) {
            JsonNode d = obj(n, "deviation", "$");
            if (d != null) {
                allowOnly(d, "$.deviation", Set.of("basePlanId", "baseVersion", "removeFactors"));
                String bid = str(d, "basePlanId", "$.deviation", true);
                Integer bv = integer(d, "baseVersion", "$.deviation", true);
                List<String> remove = new ArrayList<>();
                if (d.has("removeFactors")) for (JsonNode r : array(d, "removeFactors", "$.deviation")) remove.add(r.asText());
                if (bid != null && bv != null && bv >= 1) deviation = new RatingPlan.Deviation(new PlanKey(bid, bv), remove);
                else if (bv != null && bv < 1) problem("$.deviation.baseVersion", "must be >= 1");
            }
        }
        LocalDate effectiveFrom = null;
        String ef = str(n, "effectiveFrom", "$", false);
        if (ef != null) {
            try {
                effectiveFrom = LocalDate.parse(ef);
            } catch (DateTimeParseException e) {
                problem("$.effectiveFrom", "not an ISO date (yyyy-mm-dd): '" + ef + "'");
            }
        }
        if (key == null) key = new PlanKey("invalid", 1); // problems already recorded; never returned
        return new RatingPlan(key, str(n, "name", "$", false), str(n, "productLine", "$", true), jurisdiction,
                str(n, "currency", "$", false), effectiveFrom, str(n, "author", "$", false), exposure, factors,
                telematics, wellness, money(n, "minimumPremium", "$", false), fees, taxes, cf, tests, deviation,
                str(n, "notes", "$", false));
    }

    private RatingPlan.Exposure exposure(JsonNode n) {
        if (n == null) return null;
        String p = "$.exposure";
        allowOnly(n, p, Set.of("annualRate", "fixedMonthly", "perKmRate", "dailyKmCap"));
        return new RatingPlan.Exposure(money(n, "annualRate", p, false), money(n, "fixedMonthly", p, false),
                money(n, "perKmRate", p, false), num(n, "dailyKmCap", p, false));
    }

    private RatingPlan.Factor factor(JsonNode n, String p) {
        if (n == null || !n.isObject()) {
            problem(p, "must be an object");
            return new RatingPlan.Factor(null, null, null, null, null);
        }
        allowOnly(n, p, Set.of("name", "variable", "bands", "levels", "term"));
        List<RatingPlan.Band> bands = null;
        if (n.has("bands")) {
            bands = new ArrayList<>();
            int i = 0;
            for (JsonNode b : array(n, "bands", p)) {
                String bp = p + ".bands[" + i++ + "]";
                if (!b.isObject()) { problem(bp, "must be an object"); continue; }
                allowOnly(b, bp, Set.of("over", "upTo", "relativity"));
                Double rel = num(b, "relativity", bp, true);
                bands.add(new RatingPlan.Band(num(b, "over", bp, false), num(b, "upTo", bp, false), rel == null ? Double.NaN : rel));
            }
        }
        Map<String, Double> levels = null;
        if (n.has("levels")) {
            JsonNode l = obj(n, "levels", p);
            if (l != null) {
                levels = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isNumber()) problem(p + ".levels." + e.getKey(), "relativity must be a number");
                    else levels.put(e.getKey(), e.getValue().doubleValue());
                }
            }
        }
        RatingPlan.Term term = null;
        if (n.has("term")) {
            JsonNode t = obj(n, "term", p);
            if (t != null) {
                String tp = p + ".term";
                allowOnly(t, tp, Set.of("transform", "coefficient", "reference", "minValue", "maxValue"));
                RatingPlan.Transform tr = enumValue(t, "transform", tp, RatingPlan.Transform.class, RatingPlan.Transform.IDENTITY);
                Double coef = num(t, "coefficient", tp, true);
                Double ref = num(t, "reference", tp, false);
                term = new RatingPlan.Term(tr, coef == null ? Double.NaN : coef,
                        ref != null ? ref : (tr == RatingPlan.Transform.LOG ? 1.0 : 0.0), num(t, "minValue", tp, false), num(t, "maxValue", tp, false));
            }
        }
        return new RatingPlan.Factor(str(n, "name", p, false), str(n, "variable", p, true), bands, levels, term);
    }

    private RatingPlan.Telematics telematics(JsonNode n, String p) {
        if (n == null) return null;
        allowOnly(n, p, Set.of("credibility", "minAdjustment", "maxAdjustment", "maxRenewalIncrease", "maxRenewalDecrease"));
        RatingPlan.Credibility cred = null;
        if (n.has("credibility")) {
            JsonNode c = obj(n, "credibility", p);
            if (c != null) {
                String cp = p + ".credibility";
                allowOnly(c, cp, Set.of("method", "fullCredibilityKm", "k"));
                cred = new RatingPlan.Credibility(enumValue(c, "method", cp, RatingPlan.CredibilityMethod.class, null),
                        num(c, "fullCredibilityKm", cp, false), num(c, "k", cp, false));
            }
        }
        return new RatingPlan.Telematics(cred, num(n, "minAdjustment", p, false), num(n, "maxAdjustment", p, false),
                num(n, "maxRenewalIncrease", p, false), num(n, "maxRenewalDecrease", p, false));
    }

    private RatingPlan.Wellness wellness(JsonNode n, String p) {
        if (n == null) return null;
        allowOnly(n, p, Set.of("tiers", "maxDiscountPercent", "minWornDays"));
        List<RatingPlan.WellnessTier> tiers = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(n, "tiers", p)) {
            String tp = p + ".tiers[" + i++ + "]";
            if (!t.isObject()) { problem(tp, "must be an object"); continue; }
            allowOnly(t, tp, Set.of("name", "minAvgDailySteps", "minAvgActiveMinutes", "maxRestingHrTrendBpmPer30d", "discountPercent"));
            Double d = num(t, "discountPercent", tp, true);
            tiers.add(new RatingPlan.WellnessTier(str(t, "name", tp, true), num(t, "minAvgDailySteps", tp, false),
                    num(t, "minAvgActiveMinutes", tp, false), num(t, "maxRestingHrTrendBpmPer30d", tp, false), d == null ? Double.NaN : d));
        }
        Double max = num(n, "maxDiscountPercent", p, true);
        Integer minWorn = integer(n, "minWornDays", p, false);
        return new RatingPlan.Wellness(tiers, max == null ? Double.NaN : max, minWorn == null ? 0 : minWorn);
    }

    private RatingPlan.TestCase testCase(JsonNode n, String p) {
        if (!n.isObject()) {
            problem(p, "must be an object");
            return new RatingPlan.TestCase(p, Map.of(), null, null);
        }
        allowOnly(n, p, Set.of("name", "profile", "priorAdjustment", "expectedPremium"));
        Map<String, Object> profile = new LinkedHashMap<>();
        JsonNode pr = obj(n, "profile", p);
        if (pr != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNumber()) profile.put(e.getKey(), v.doubleValue());
                else if (v.isTextual()) profile.put(e.getKey(), v.textValue());
                else problem(p + ".profile." + e.getKey(), "must be a number or a string");
            }
        }
        return new RatingPlan.TestCase(str(n, "name", p, true), profile, num(n, "priorAdjustment", p, false), money(n, "expectedPremium", p, true));
    }

    // --- typed field access, recording problems instead of throwing ---

    private void problem(String path, String message) { problems.add(new PlanProblem(path, message)); }

    private void allowOnly(JsonNode n, String p, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) problem(p + "." + f, "unknown field (allowed: " + new java.util.TreeSet<>(allowed) + ")");
        }
    }

    private JsonNode obj(JsonNode n, String f, String p) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) { problem(p + "." + f, "missing"); return null; }
        if (!v.isObject()) { problem(p + "." + f, "must be an object"); return null; }
        return v;
    }

    private List<JsonNode> array(JsonNode n, String f, String p) {
        JsonNode v = n.get(f);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) { problem(p + "." + f, "missing"); return out; }
        if (!v.isArray()) { problem(p + "." + f, "must be an array"); return out; }
        v.forEach(out::add);
        return out;
    }

    private String str(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        if (!v.isTextual()) { problem(p + "." + f, "must be a string"); return null; }
        return v.textValue();
    }

    private Double num(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        if (!v.isNumber()) { problem(p + "." + f, "must be a number, got " + v.getNodeType().name().toLowerCase()); return null; }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) { problem(p + "." + f, "must be finite"); return null; }
        return d;
    }

    private Integer integer(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) { problem(p + "." + f, "must be an integer"); return null; }
        return v.intValue();
    }

    /** Money and percentages are read as decimals, exactly as written (no binary rounding). */
    private BigDecimal money(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        try {
            // bounded: an absurd exponent (1e-300000000) must not expand later into millions of digits
            if (v.isNumber()) return io.telerisk.model.Amounts.of(f, v.decimalValue());
            if (v.isTextual()) return io.telerisk.model.Amounts.parse(f, v.textValue());
        } catch (IllegalArgumentException e) {
            problem(p + "." + f, e.getMessage());
            return null;
        }
        String shown = v.asText().length() > 32 ? v.asText().substring(0, 32) + "…" : v.asText();
        problem(p + "." + f, "must be a decimal number, got '" + shown + "'");
        return null;
    }

    private <E extends Enum<E>> E enumValue(JsonNode n, String f, String p, Class<E> type, E dflt) {
        String s = str(n, f, p, dflt == null);
        if (s == null) return dflt;
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(p + "." + f, "unknown value '" + s + "', expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return dflt;
        }
    }
}
