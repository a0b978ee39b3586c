package io.telerisk.hub.pricing;

import io.telerisk.hub.api.ApiException;
import io.telerisk.model.topic.Topic;
import io.telerisk.pricing.catalog.DeviationResolver;
import io.telerisk.pricing.catalog.PlanService;
import io.telerisk.pricing.catalog.PlanTestResult;
import io.telerisk.pricing.catalog.PlanTestRunner;
import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanDocumentWriter;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanStatus;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.rating.CompiledPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static io.telerisk.hub.pricing.PricingFields.strings;

/**
 * The insurer's desk around plan documents, none of which changes a plan: checking a document without saving it
 * (every problem in one pass), the plan in force on a date, what changed between two versions, and the four-eyes
 * inbox of drafts awaiting a second insurer. {@link #problems} is also what plan creation checks.
 */
public final class PlanDesk {
    private final Function<String, PlanService> plans;
    private final PlanValidator validator;

    PlanDesk(Function<String, PlanService> plans, PlanValidator validator) {
        this.plans = Objects.requireNonNull(plans);
        this.validator = Objects.requireNonNull(validator);
    }

    /** A document read from JSON or YAML text; unreadable text is a 400 listing the problems. */
    static RatingPlan read(String document, boolean yaml) {
        if (document == null || document.isBlank()) throw ApiException.badRequest("request body must be a plan document");
        try {
            return yaml ? PlanDocumentReader.parseYaml(document) : PlanDocumentReader.parse(document);
        } catch (PlanDocumentException e) {
            throw PricingProblem.badRequest("plan document has " + e.problems().size() + " problem(s)", strings(e.problems()));
        } catch (RuntimeException e) {
            throw PricingProblem.badRequest("plan document is not readable", List.of(String.valueOf(e.getMessage())));
        }
    }

    /** What is wrong with a document as a plan of the tenant (id, deviation base, validation); empty when nothing. */
    List<String> problems(String tenant, RatingPlan doc) {
        return checked(tenant, doc).problems();
    }

    private record Checked(List<String> problems, RatingPlan effective) {
    }

    private Checked checked(String tenant, RatingPlan doc) {
        List<String> problems = new ArrayList<>();
        if (!Topic.isValidSegment(doc.key().planId())) {
            problems.add("$.planId: must be 1-64 characters of [A-Za-z0-9._-] (it appears in URLs)");
        }
        PlanService ps = plans.apply(tenant);
        RatingPlan effective = doc;
        if (doc.deviation() != null) {
            PlanKey base = doc.deviation().base();
            if (find(ps, base).isEmpty()) {
                problems.add("$.deviation: base plan " + base + " does not exist in tenant " + tenant);
                effective = null;
            } else {
                try {
                    effective = DeviationResolver.resolve(doc, ps.effective(base));
                } catch (PlanDocumentException e) {
                    problems.addAll(strings(e.problems()));
                    effective = null;
                } catch (IllegalArgumentException e) {
                    problems.add("$.deviation: " + e.getMessage());
                    effective = null;
                }
            }
        }
        if (effective != null) problems.addAll(strings(validator.validate(effective)));
        return new Checked(problems, effective);
    }

    /**
     * Checks a document without saving it: every problem (readability, id, deviation base, validation, whether its
     * version can still be saved) and, when it is valid, its test cases run — everything that would block saving or
     * approving it, in one answer.
     */
    public PricingReply validateDocument(String tenant, String document, boolean yaml) {
        RatingPlan doc;
        try {
            doc = read(document, yaml);
        } catch (PricingProblem e) {
            return PricingReply.ok(new JsonObject().put("valid", false).put("problems", new JsonArray(e.problems()))
                    .put("tests", new JsonArray()).put("approvalBlockers", new JsonArray()));
        }
        Checked c = checked(tenant, doc);
        List<String> problems = new ArrayList<>(c.problems());
        PlanService ps = plans.apply(tenant);
        find(ps, doc.key()).filter(s -> s.status() != PlanStatus.DRAFT).ifPresent(s -> problems.add("$.version: " + doc.key()
                + " is " + s.status() + " and immutable; save the change as version " + ps.nextVersion(doc.key().planId())));
        JsonArray tests = new JsonArray();
        List<String> blockers = new ArrayList<>();
        if (c.problems().isEmpty() && c.effective() != null) {
            for (PlanTestResult r : PlanTestRunner.run(CompiledPlan.compile(c.effective(), validator))) {
                tests.add(new JsonObject().put("name", r.name()).put("passed", r.passed())
                        .put("expected", r.expected() == null ? null : r.expected().toPlainString())
                        .put("actual", r.actual() == null ? null : r.actual().toPlainString()).put("message", r.message()));
                if (!r.passed()) blockers.add("test " + r);
            }
            if (c.effective().tests().isEmpty()) blockers.add("$.tests: a plan needs at least one test case to be approved");
        }
        return PricingReply.ok(new JsonObject().put("planId", doc.key().planId()).put("version", doc.key().version())
                .put("valid", problems.isEmpty()).put("problems", new JsonArray(problems)).put("tests", tests)
                .put("approvalBlockers", new JsonArray(blockers)));
    }

    /** The plan that prices a quote of that product line, jurisdiction and currency on {@code date}; 404 when none. */
    public PricingReply inForce(String tenant, String productLine, String jurisdiction, String currency, String date) {
        if (productLine == null || jurisdiction == null || currency == null) {
            throw ApiException.badRequest("query parameters productLine, jurisdiction and currency are required (date defaults to today)");
        }
        Jurisdiction j = PricingFields.jurisdiction(jurisdiction);
        LocalDate on;
        try {
            on = date == null ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(date.trim());
        } catch (java.time.DateTimeException e) {
            throw ApiException.badRequest("date must be YYYY-MM-DD");
        }
        PlanService ps = plans.apply(tenant);
        StoredPlan s = ps.select(productLine, j, currency, on).orElseThrow(() -> ApiException.notFound("no plan in force for "
                + productLine + " in " + j + " (" + currency + ") on " + on));
        return PricingReply.ok(PricingJson.plan(s, true).put("inForceOn", on.toString()));
    }

    /**
     * What changed from one version of a plan to another, field by field on the effective documents (a deviation
     * resolved against its base): factors are matched by variable, other arrays by position.
     */
    public PricingReply diff(String tenant, String planId, int from, int to) {
        PlanService ps = plans.apply(tenant);
        PlanKey a = new PlanKey(planId, from), b = new PlanKey(planId, to);
        for (PlanKey k : List.of(a, b)) if (find(ps, k).isEmpty()) throw ApiException.notFound("no plan " + k + " in tenant " + tenant);
        JsonObject left = document(ps, a), right = document(ps, b);
        JsonArray changes = new JsonArray();
        PlanDiff.compare("$", left, right, changes);
        return PricingReply.ok(new JsonObject().put("planId", planId).put("from", from).put("to", to)
                .put("changes", changes).put("total", changes.size()));
    }

    private static JsonObject document(PlanService ps, PlanKey k) {
        try {
            JsonObject d = new JsonObject(PlanDocumentWriter.toJson(ps.effective(k)));
            d.remove("version");
            return d;
        } catch (PlanDocumentException e) {
            throw PricingProblem.badRequest("plan " + k + " cannot be resolved", strings(e.problems()));
        }
    }

    /**
     * The four-eyes inbox: drafts that {@code user} may approve (authored by someone else), oldest first, each with
     * what still blocks its approval; drafts the user authored are listed apart as awaiting someone else.
     */
    public PricingReply awaitingApproval(String tenant, String user) {
        PlanService ps = plans.apply(tenant);
        JsonArray mine = new JsonArray(), others = new JsonArray();
        List<StoredPlan> drafts = new ArrayList<>();
        ps.drafts().forEach(drafts::add);
        drafts.sort(java.util.Comparator.comparing(StoredPlan::savedAt));
        for (StoredPlan s : drafts) {
            JsonObject o = PricingJson.plan(s, false).put("approvalBlockers", new JsonArray(ps.check(s.key())));
            if (s.author().equalsIgnoreCase(user)) mine.add(o);
            else others.add(o);
        }
        return PricingReply.ok(new JsonObject().put("items", others).put("total", others.size()).put("offset", 0)
                .put("limit", Math.max(1, others.size())).put("authoredByYou", mine));
    }

    private static Optional<StoredPlan> find(PlanService ps, PlanKey key) {
        return ps.versions(key.planId()).stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
