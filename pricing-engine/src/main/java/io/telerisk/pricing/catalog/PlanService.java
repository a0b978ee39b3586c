package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanProblem;
import io.telerisk.pricing.plan.PlanStatus;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.rating.CompiledPlan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plan lifecycle and selection: draft → approved (by someone other than the author, only when valid and every
 * test case passes) → active from its effective date → retired. Approved versions never change; a change is a
 * new version. Compiled plans of approved versions are cached.
 */
public final class PlanService {
    private static final int MAX_DEVIATION_DEPTH = 5;

    private final PlanRepository repository;
    private final PlanValidator validator;
    private final Clock clock;
    private final Map<PlanKey, CompiledPlan> compiled = new ConcurrentHashMap<>();
    /** Effective documents of immutable versions (selection resolves every candidate on each quote). */
    private final Map<PlanKey, RatingPlan> effectiveCache = new ConcurrentHashMap<>();

    public PlanService(PlanRepository repository, PlanValidator validator, Clock clock) {
        this.repository = Objects.requireNonNull(repository);
        this.validator = Objects.requireNonNull(validator);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Saves a new draft version or replaces an existing draft. Refused for a version that is already approved,
     * active or retired: save the change as a new version instead.
     */
    public StoredPlan saveDraft(RatingPlan document, String author) {
        requireName(author, "author");
        Optional<StoredPlan> existing = repository.find(document.key());
        if (existing.isPresent() && existing.get().status() != PlanStatus.DRAFT) {
            int next = nextVersion(document.key().planId());
            throw new PlanLifecycleException("plan " + document.key() + " is " + existing.get().status()
                    + " and immutable; save the change as version " + next);
        }
        StoredPlan s = new StoredPlan(document, PlanStatus.DRAFT, author.trim(), clock.instant(), null, null, null);
        repository.put(s);
        compiled.remove(document.key());
        return s;
    }

    /** The next unused version number of a plan id. */
    public int nextVersion(String planId) {
        int max = 0;
        for (StoredPlan p : repository.all()) if (p.key().planId().equals(planId)) max = Math.max(max, p.key().version());
        return max + 1;
    }

    /** Validation problems and failing test cases of a stored version (empty: approvable by a second person). */
    public List<String> check(PlanKey key) {
        List<String> out = new ArrayList<>();
        RatingPlan effective;
        try {
            effective = effective(key);
        } catch (PlanDocumentException e) {
            e.problems().forEach(p -> out.add(p.toString()));
            return out;
        }
        List<PlanProblem> problems = validator.validate(effective);
        problems.forEach(p -> out.add(p.toString()));
        if (!problems.isEmpty()) return out;
        if (effective.tests().isEmpty()) out.add("$.tests: a plan needs at least one test case to be approved");
        for (PlanTestResult r : PlanTestRunner.run(CompiledPlan.compile(effective, validator))) {
            if (!r.passed()) out.add("test " + r);
        }
        return out;
    }

    /** Approves a draft: the approver must differ from the author, the plan must validate and its tests pass. */
    public StoredPlan approve(PlanKey key, String approver) {
        requireName(approver, "approver");
        StoredPlan s = get(key);
        if (s.status() != PlanStatus.DRAFT) throw new PlanLifecycleException("plan " + key + " is " + s.status() + ", only a DRAFT can be approved");
        if (s.author().equalsIgnoreCase(approver.trim())) {
            throw new PlanLifecycleException("plan " + key + " was authored by " + s.author() + " who cannot also approve it");
        }
        RatingPlan.Deviation d = s.document().deviation();
        if (d != null && get(d.base()).status() == PlanStatus.DRAFT) {
            throw new PlanLifecycleException("deviation " + key + " rests on base " + d.base() + " which is still a DRAFT; approve the base first");
        }
        List<String> problems = check(key);
        if (!problems.isEmpty()) {
            throw new PlanLifecycleException("plan " + key + " cannot be approved:\n  " + String.join("\n  ", problems));
        }
        StoredPlan a = s.withStatus(PlanStatus.APPROVED, approver.trim(), clock.instant(), null);
        repository.put(a);
        return a;
    }

    /**
     * Makes an approved plan selectable for quote dates on or after its effective date. Other ACTIVE versions of the
     * same plan id are superseded: retired on this version's effective date, so they keep pricing the dates before
     * it and one plan never has two versions in force on one day. Refused when this version would take effect on or
     * before an active version's own effective date (that version would never have priced a day: retire it first).
     * Reading the active versions and writing the outcome are one unit ({@link PlanRepository#atomically}): two
     * activations of one plan at once, on one hub or two, never leave two versions ACTIVE.
     */
    public Activation activate(PlanKey key) {
        return repository.atomically(key.planId(), () -> activateNow(key));
    }

    private Activation activateNow(PlanKey key) {
        StoredPlan s = get(key);
        if (s.status() != PlanStatus.APPROVED) throw new PlanLifecycleException("plan " + key + " is " + s.status() + ", only an APPROVED plan can be activated");
        LocalDate from = effective(key).effectiveFrom();
        List<StoredPlan> superseded = new ArrayList<>();
        for (StoredPlan other : repository.all()) {
            if (!other.key().planId().equals(key.planId()) || other.status() != PlanStatus.ACTIVE) continue;
            LocalDate otherFrom = effective(other.key()).effectiveFrom();
            if (from == null || otherFrom == null || !from.isAfter(otherFrom)) {
                throw new PlanLifecycleException("plan " + key + " takes effect on " + from + ", not after " + other.key()
                        + " which is ACTIVE from " + otherFrom + "; retire " + other.key() + " first (with the day it stops pricing)");
            }
            superseded.add(other);
        }
        List<StoredPlan> retired = new ArrayList<>();
        for (StoredPlan other : superseded) {
            StoredPlan r = other.withStatus(PlanStatus.RETIRED, other.approver(), other.approvedAt(), from);
            repository.put(r);
            retired.add(r);
        }
        StoredPlan a = s.withStatus(PlanStatus.ACTIVE, s.approver(), s.approvedAt(), null);
        repository.put(a);
        return new Activation(a, retired);
    }

    /**
     * The outcome of {@link #activate}: the active version and the versions it superseded (now retired on its
     * effective date).
     */
    public record Activation(StoredPlan active, List<StoredPlan> superseded) {
        public Activation {
            Objects.requireNonNull(active, "active");
            superseded = List.copyOf(superseded);
        }
    }

    /**
     * Discards a draft nobody will approve (a stuck or mistaken draft): the version number becomes free again.
     * Refused for any other status (approved versions are history; retire an active one instead) and for a draft
     * that another stored version names as its deviation base.
     */
    public StoredPlan discard(PlanKey key) {
        StoredPlan s = get(key);
        if (s.status() != PlanStatus.DRAFT) {
            throw new PlanLifecycleException("plan " + key + " is " + s.status() + "; only a DRAFT can be discarded"
                    + (s.status() == PlanStatus.ACTIVE ? " (retire an active plan instead)" : ""));
        }
        for (StoredPlan other : repository.all()) {
            RatingPlan.Deviation d = other.document().deviation();
            if (d != null && d.base().equals(key)) {
                throw new PlanLifecycleException("plan " + key + " is the base of deviation " + other.key() + "; discard that first");
            }
        }
        repository.delete(key);
        compiled.remove(key);
        effectiveCache.remove(key);
        return s;
    }

    /** Retires an active plan: it still prices dates before {@code retiredOn} (re-quotes of past periods). */
    public StoredPlan retire(PlanKey key, LocalDate retiredOn) {
        Objects.requireNonNull(retiredOn);
        return repository.atomically(key.planId(), () -> {
            StoredPlan s = get(key);
            if (s.status() != PlanStatus.ACTIVE) throw new PlanLifecycleException("plan " + key + " is " + s.status() + ", only an ACTIVE plan can be retired");
            StoredPlan r = s.withStatus(PlanStatus.RETIRED, s.approver(), s.approvedAt(), retiredOn);
            repository.put(r);
            return r;
        });
    }

    /** Every stored DRAFT of every plan (what awaits a second person's approval). */
    public List<StoredPlan> drafts() {
        return repository.all().stream().filter(p -> p.status() == PlanStatus.DRAFT).toList();
    }

    /** The stored versions of one plan id, oldest first. */
    public List<StoredPlan> versions(String planId) {
        return repository.all().stream().filter(p -> p.key().planId().equals(planId))
                .sorted(Comparator.comparingInt(p -> p.key().version())).toList();
    }

    public StoredPlan get(PlanKey key) {
        return repository.find(key).orElseThrow(() -> new PlanLifecycleException("no plan " + key));
    }

    /**
     * The plan that prices a quote: same product line (case-insensitive) and currency, in force on {@code date}
     * (active, or retired after that date, with effectiveFrom on or before it). A plan for the exact jurisdiction
     * (state) wins over its country's; among those the latest effective date, then the highest version.
     */
    public Optional<StoredPlan> select(String productLine, Jurisdiction jurisdiction, String currency, LocalDate date) {
        Optional<StoredPlan> exact = selectExact(productLine, jurisdiction, currency, date);
        if (exact.isPresent() || jurisdiction.parent().isEmpty()) return exact;
        return selectExact(productLine, jurisdiction.parent().get(), currency, date);
    }

    private Optional<StoredPlan> selectExact(String productLine, Jurisdiction j, String currency, LocalDate date) {
        List<StoredPlan> candidates = new ArrayList<>();
        for (StoredPlan s : repository.all()) {
            boolean inForce = s.status() == PlanStatus.ACTIVE || (s.status() == PlanStatus.RETIRED && date.isBefore(s.retiredOn()));
            if (!inForce) continue;
            RatingPlan e = effective(s.key());
            if (e.productLine() == null || !e.productLine().toLowerCase(Locale.ROOT).equals(productLine.toLowerCase(Locale.ROOT))) continue;
            if (!j.equals(e.jurisdiction()) || !currency.equals(e.currency())) continue;
            if (e.effectiveFrom() == null || e.effectiveFrom().isAfter(date)) continue;
            candidates.add(s);
        }
        return candidates.stream().max(Comparator.<StoredPlan, LocalDate>comparing(s -> effective(s.key()).effectiveFrom())
                .thenComparing(s -> s.key().version()));
    }

    /** The document with any deviation chain resolved against its base versions. */
    public RatingPlan effective(PlanKey key) {
        RatingPlan cached = effectiveCache.get(key);
        if (cached != null) return cached;
        RatingPlan e = effective(key, new HashSet<>(), 0);
        if (get(key).status() != PlanStatus.DRAFT) effectiveCache.put(key, e);
        return e;
    }

    private RatingPlan effective(PlanKey key, Set<PlanKey> seen, int depth) {
        RatingPlan doc = get(key).document();
        if (doc.deviation() == null) return doc;
        if (!seen.add(key) || depth >= MAX_DEVIATION_DEPTH) {
            throw new PlanDocumentException("plan " + key, List.of(new PlanProblem("$.deviation", "deviation chain is cyclic or deeper than " + MAX_DEVIATION_DEPTH)));
        }
        PlanKey base = doc.deviation().base();
        if (repository.find(base).isEmpty()) {
            throw new PlanDocumentException("plan " + key, List.of(new PlanProblem("$.deviation", "base plan " + base + " does not exist")));
        }
        return DeviationResolver.resolve(doc, effective(base, seen, depth + 1));
    }

    /** The compiled effective plan; cached once the version is immutable. */
    public CompiledPlan compiled(PlanKey key) {
        CompiledPlan c = compiled.get(key);
        if (c != null) return c;
        c = CompiledPlan.compile(effective(key), validator);
        if (get(key).status() != PlanStatus.DRAFT) compiled.put(key, c);
        return c;
    }

    public PlanValidator validator() { return validator; }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) throw new PlanLifecycleException(what + " is required");
    }
}
