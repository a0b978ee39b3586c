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

    private final PlanFields in = new PlanFields();

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
        if (!r.in.problems().isEmpty()) throw new PlanDocumentException("plan document", r.in.problems());
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
        in.allowOnly(n, "$", Set.of("planId", "version", "name", "productLine", "jurisdiction", "currency", "effectiveFrom",
                "author", "exposure", "factors", "telematics", "wellness", "minimumPremium", "fees", "taxes",
                "claimFrequency", "tests", "deviation", "notes"));
        String planId = in.str(n, "planId", "$", true);
        Integer version = in.integer(n, "version", "$", true);
        PlanKey key = null;
        if (planId != null && version != null) {
            try {
                key = new PlanKey(planId, version);
            } catch (IllegalArgumentException e) {
                in.problem("$", e.getMessage());
            }
        }
        Jurisdiction jurisdiction = null;
        String j = in.str(n, "jurisdiction", "$", true);
        if (j != null) {
            try {
                jurisdiction = Jurisdiction.parse(j);
            } catch (IllegalArgumentException e) {
                in.problem("$.jurisdiction", e.getMessage());
            }
        }
        RatingPlan.Exposure exposure = n.has("exposure") ? exposure(in.obj(n, "exposure", "$")) : null;
        List<RatingPlan.Factor> factors = null;
        if (n.has("factors")) {
            factors = new ArrayList<>();
            JsonNode arr = n.get("factors");
            if (!arr.isArray()) in.problem("$.factors", "must be an array");
            else for (int i = 0; i < arr.size(); i++) factors.add(factor(arr.get(i), "$.factors[" + i + "]"));
        }
        RatingPlan.Telematics telematics = n.has("telematics") ? telematics(in.obj(n, "telematics", "$"), "$.telematics") : null;
        RatingPlan.Wellness wellness = n.has("wellness") ? wellness(in.obj(n, "wellness", "$"), "$.wellness") : null;
        List<RatingPlan.Fee> fees = null;
        if (n.has("fees")) {
            fees = new ArrayList<>();
            int i = 0;
            for (JsonNode f : in.array(n, "fees", "$")) {
                String p = "$.fees[" + i++ + "]";
                if (!f.isObject()) { in.problem(p, "must be an object"); continue; }
                in.allowOnly(f, p, Set.of("name", "amount"));
                fees.add(new RatingPlan.Fee(in.str(f, "name", p, true), in.money(f, "amount", p, true)));
            }
        }
        List<RatingPlan.Tax> taxes = null;
        if (n.has("taxes")) {
            taxes = new ArrayList<>();
            int i = 0;
            for (JsonNode t : in.array(n, "taxes", "$")) {
                String p = "$.taxes[" + i++ + "]";
                if (!t.isObject()) { in.problem(p, "must be an object"); continue; }
                in.allowOnly(t, p, Set.of("name", "ratePercent"));
                taxes.add(new RatingPlan.Tax(in.str(t, "name", p, true), in.money(t, "ratePercent", p, true)));
            }
        }
        RatingPlan.ClaimFrequency cf = null;
        if (n.has("claimFrequency")) {
            JsonNode c = in.obj(n, "claimFrequency", "$");
            if (c != null) {
                in.allowOnly(c, "$.claimFrequency", Set.of("intercept", "source"));
                Double b0 = in.num(c, "intercept", "$.claimFrequency", true);
                cf = new RatingPlan.ClaimFrequency(b0 == null ? 0 : b0, in.str(c, "source", "$.claimFrequency", false));
            }
        }
        List<RatingPlan.TestCase> tests = new ArrayList<>();
        if (n.has("tests")) {
            int i = 0;
            for (JsonNode t : in.array(n, "tests", "$")) tests.add(testCase(t, "$.tests[" + i++ + "]"));
        }
        RatingPlan.Deviation deviation = null;
        if (n.has("deviation")) {
            JsonNode d = in.obj(n, "deviation", "$");
            if (d != null) {
                in.allowOnly(d, "$.deviation", Set.of("basePlanId", "baseVersion", "removeFactors"));
                String bid = in.str(d, "basePlanId", "$.deviation", true);
                Integer bv = in.integer(d, "baseVersion", "$.deviation", true);
                List<String> remove = new ArrayList<>();
                if (d.has("removeFactors")) for (JsonNode r : in.array(d, "removeFactors", "$.deviation")) remove.add(r.asText());
                if (bid != null && bv != null && bv >= 1) deviation = new RatingPlan.Deviation(new PlanKey(bid, bv), remove);
                else if (bv != null && bv < 1) in.problem("$.deviation.baseVersion", "must be >= 1");
            }
        }
        LocalDate effectiveFrom = null;
        String ef = in.str(n, "effectiveFrom", "$", false);
        if (ef != null) {
            try {
                effectiveFrom = LocalDate.parse(ef);
            } catch (DateTimeParseException e) {
                in.problem("$.effectiveFrom", "not an ISO date (yyyy-mm-dd): '" + ef + "'");
            }
        }
        if (key == null) key = new PlanKey("invalid", 1); // problems already recorded; never returned
        return new RatingPlan(key, in.str(n, "name", "$", false), in.str(n, "productLine", "$", true), jurisdiction,
                in.str(n, "currency", "$", false), effectiveFrom, in.str(n, "author", "$", false), exposure, factors,
                telematics, wellness, in.money(n, "minimumPremium", "$", false), fees, taxes, cf, tests, deviation,
                in.str(n, "notes", "$", false));
    }

    private RatingPlan.Exposure exposure(JsonNode n) {
        if (n == null) return null;
        String p = "$.exposure";
        in.allowOnly(n, p, Set.of("annualRate", "fixedMonthly", "perKmRate", "dailyKmCap"));
        return new RatingPlan.Exposure(in.money(n, "annualRate", p, false), in.money(n, "fixedMonthly", p, false),
                in.money(n, "perKmRate", p, false), in.num(n, "dailyKmCap", p, false));
    }

    private RatingPlan.Factor factor(JsonNode n, String p) {
        if (n == null || !n.isObject()) {
            in.problem(p, "must be an object");
            return new RatingPlan.Factor(null, null, null, null, null);
        }
        in.allowOnly(n, p, Set.of("name", "variable", "bands", "levels", "term"));
        List<RatingPlan.Band> bands = null;
        if (n.has("bands")) {
            bands = new ArrayList<>();
            int i = 0;
            for (JsonNode b : in.array(n, "bands", p)) {
                String bp = p + ".bands[" + i++ + "]";
                if (!b.isObject()) { in.problem(bp, "must be an object"); continue; }
                in.allowOnly(b, bp, Set.of("over", "upTo", "relativity"));
                Double rel = in.num(b, "relativity", bp, true);
                bands.add(new RatingPlan.Band(in.num(b, "over", bp, false), in.num(b, "upTo", bp, false), rel == null ? Double.NaN : rel));
            }
        }
        Map<String, Double> levels = null;
        if (n.has("levels")) {
            JsonNode l = in.obj(n, "levels", p);
            if (l != null) {
                levels = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isNumber()) in.problem(p + ".levels." + e.getKey(), "relativity must be a number");
                    else levels.put(e.getKey(), e.getValue().doubleValue());
                }
            }
        }
        RatingPlan.Term term = null;
        if (n.has("term")) {
            JsonNode t = in.obj(n, "term", p);
            if (t != null) {
                String tp = p + ".term";
                in.allowOnly(t, tp, Set.of("transform", "coefficient", "reference", "minValue", "maxValue"));
                RatingPlan.Transform tr = in.enumValue(t, "transform", tp, RatingPlan.Transform.class, RatingPlan.Transform.IDENTITY);
                Double coef = in.num(t, "coefficient", tp, true);
                Double ref = in.num(t, "reference", tp, false);
                term = new RatingPlan.Term(tr, coef == null ? Double.NaN : coef,
                        ref != null ? ref : (tr == RatingPlan.Transform.LOG ? 1.0 : 0.0), in.num(t, "minValue", tp, false), in.num(t, "maxValue", tp, false));
            }
        }
        return new RatingPlan.Factor(in.str(n, "name", p, false), in.str(n, "variable", p, true), bands, levels, term);
    }

    private RatingPlan.Telematics telematics(JsonNode n, String p) {
        if (n == null) return null;
        in.allowOnly(n, p, Set.of("credibility", "minAdjustment", "maxAdjustment", "maxRenewalIncrease", "maxRenewalDecrease"));
        RatingPlan.Credibility cred = null;
        if (n.has("credibility")) {
            JsonNode c = in.obj(n, "credibility", p);
            if (c != null) {
                String cp = p + ".credibility";
                in.allowOnly(c, cp, Set.of("method", "fullCredibilityKm", "k"));
                cred = new RatingPlan.Credibility(in.enumValue(c, "method", cp, RatingPlan.CredibilityMethod.class, null),
                        in.num(c, "fullCredibilityKm", cp, false), in.num(c, "k", cp, false));
            }
        }
        return new RatingPlan.Telematics(cred, in.num(n, "minAdjustment", p, false), in.num(n, "maxAdjustment", p, false),
                in.num(n, "maxRenewalIncrease", p, false), in.num(n, "maxRenewalDecrease", p, false));
    }

    private RatingPlan.Wellness wellness(JsonNode n, String p) {
        if (n == null) return null;
        in.allowOnly(n, p, Set.of("tiers", "maxDiscountPercent", "minWornDays"));
        List<RatingPlan.WellnessTier> tiers = new ArrayList<>();
        int i = 0;
        for (JsonNode t : in.array(n, "tiers", p)) {
            String tp = p + ".tiers[" + i++ + "]";
            if (!t.isObject()) { in.problem(tp, "must be an object"); continue; }
            in.allowOnly(t, tp, Set.of("name", "minAvgDailySteps", "minAvgActiveMinutes", "maxRestingHrTrendBpmPer30d", "discountPercent"));
            Double d = in.num(t, "discountPercent", tp, true);
            tiers.add(new RatingPlan.WellnessTier(in.str(t, "name", tp, true), in.num(t, "minAvgDailySteps", tp, false),
                    in.num(t, "minAvgActiveMinutes", tp, false), in.num(t, "maxRestingHrTrendBpmPer30d", tp, false), d == null ? Double.NaN : d));
        }
        Double max = in.num(n, "maxDiscountPercent", p, true);
        Integer minWorn = in.integer(n, "minWornDays", p, false);
        return new RatingPlan.Wellness(tiers, max == null ? Double.NaN : max, minWorn == null ? 0 : minWorn);
    }

    private RatingPlan.TestCase testCase(JsonNode n, String p) {
        if (!n.isObject()) {
            in.problem(p, "must be an object");
            return new RatingPlan.TestCase(p, Map.of(), null, null);
        }
        in.allowOnly(n, p, Set.of("name", "profile", "priorAdjustment", "expectedPremium"));
        Map<String, Object> profile = new LinkedHashMap<>();
        JsonNode pr = in.obj(n, "profile", p);
        if (pr != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNumber()) profile.put(e.getKey(), v.doubleValue());
                else if (v.isTextual()) profile.put(e.getKey(), v.textValue());
                else in.problem(p + ".profile." + e.getKey(), "must be a number or a string");
            }
        }
        return new RatingPlan.TestCase(in.str(n, "name", p, true), profile, in.num(n, "priorAdjustment", p, false), in.money(n, "expectedPremium", p, true));
    }
}
