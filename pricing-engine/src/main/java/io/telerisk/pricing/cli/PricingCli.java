package io.telerisk.pricing.cli;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.WearableDay;
import io.telerisk.pricing.catalog.PlanTestResult;
import io.telerisk.pricing.catalog.PlanTestRunner;
import io.telerisk.pricing.glm.DataTable;
import io.telerisk.pricing.glm.Design;
import io.telerisk.pricing.glm.Formula;
import io.telerisk.pricing.glm.GlmFit;
import io.telerisk.pricing.glm.GlmPlanExporter;
import io.telerisk.pricing.glm.PoissonGlm;
import io.telerisk.pricing.impact.ImpactAnalysis;
import io.telerisk.pricing.impact.ImpactReport;
import io.telerisk.pricing.impact.PolicySource;
import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanDocumentWriter;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanProblem;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;
import io.telerisk.pricing.quoting.QuoteService;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;
import io.telerisk.pricing.rating.UsageFeatures;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command line: {@code pricing fit | quote | validate | impact | score-train}. Exit status 0 on success, 1 when the
 * input is bad or a check fails (reason on stderr), 2 on a usage error. {@code quote} reads one device's daily
 * summaries ({@link UsageFile} or {@link WearableFile}, whichever the plan prices) and scores them with a TensorFlow
 * model only when the plan rates on telematicsScore ({@link ScoreCommands}).
 */
public final class PricingCli {
    private final PrintStream out;
    private final PrintStream err;

    public PricingCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PricingCli(System.out, System.err).run(args));
    }

    static final String USAGE = """
        usage: pricing <command> [options]
          fit      --data FILE.csv --formula 'y ~ x + log(km) + factor(region) + band(age, 25, 60)' [--offset 'log(exposure)']
                   [--export-plan OUT.json --plan-id ID [--version 1] --product-line motor --jurisdiction GB --currency GBP
                    --effective-from 2026-01-01 --severity 2500 [--author NAME]]
          quote    --plan PLAN.json --usage FILE.csv|FILE.json [--set var=value]... [--from yyyy-mm-dd --to yyyy-mm-dd]
                   [--prior-adjustment X] [--policy ID] [--score-model DIR]
                   FILE: one device's daily summaries, driving usage or (for wellness plans) wearable days; columns in
                   docs/pricing.md, and the hub's daily-usage / wearable-days answers work as saved
                   --score-model: SavedModel for plans rating on telematicsScore (default: the bundled model, simulated data)
          validate --plan PLAN.json [--base BASE.json]
          --encoding NAME (fit, quote, impact): the charset of CSV/JSON inputs without a byte order mark, e.g. GBK for a
                   CSV from Chinese Excel (default UTF-8; a UTF-8 or UTF-16 byte order mark always wins)
          impact   --draft PLAN.json --active PLAN.json --portfolio POLICIES.csv [--threads N]
          score-train --out DIR [--drivers 20000] [--days 60] [--seed 42] [--steps 1200]
                   (TensorFlow: simulate drivers, train, export SavedModel + model card, report Gini/lift vs the GLM)
        """;

    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Options o;
        try {
            o = Options.parse(args, 1);
        } catch (IllegalArgumentException e) {
            err.println("pricing: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "fit" -> fit(o);
                case "quote" -> quote(o);
                case "validate" -> validate(o);
                case "impact" -> impact(o);
                case "score-train" -> scoreTrain(o);
                default -> {
                    err.println("pricing: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (UsageError e) {
            err.println("pricing " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (PlanDocumentException | BadSummaryFile | ScoreCommands.BadModel | RatingException | IllegalArgumentException | ArithmeticException e) {
            err.println("pricing " + args[0] + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("pricing " + args[0] + ": cannot read input: " + e);
            return 1;
        }
    }

    /** {@code --encoding NAME}: the charset of input files without a byte order mark (default UTF-8), e.g. GBK. */
    private static java.nio.charset.Charset encoding(Options o) {
        if (!o.has("encoding")) return null;
        try {
            return io.telerisk.model.csv.Csv.charset(o.get("encoding"));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--encoding: " + e.getMessage());
        }
    }

    /** A CSV input of the command line, in {@code --encoding} unless a byte order mark says otherwise. */
    private static DataTable readCsv(Path file, Options o) throws IOException {
        return DataTable.readCsv(file, encoding(o));
    }

    private int fit(Options o) throws IOException {
        DataTable data = readCsv(Path.of(o.required("data")), o);
        Formula f = Formula.parse(o.required("formula"));
        Formula.Term offset = o.has("offset") ? Formula.parseExpression(o.get("offset")) : null;
        GlmFit fit = PoissonGlm.fit(Design.build(data, f, offset));
        out.println("Call: glm(" + o.get("formula") + ", family = poisson(link = \"log\")" + (offset == null ? "" : ", offset = " + o.get("offset")) + ")");
        out.println("n = " + data.rows());
        out.println();
        out.print(fit.summary());
        if (o.has("export-plan")) {
            RatingPlan plan = GlmPlanExporter.export(fit, new GlmPlanExporter.Target(
                    new PlanKey(o.required("plan-id"), Integer.parseInt(o.getOr("version", "1"))), o.required("product-line"),
                    Jurisdiction.parse(o.required("jurisdiction")), o.required("currency"), LocalDate.parse(o.required("effective-from")),
                    new BigDecimal(o.required("severity")), o.getOr("author", System.getProperty("user.name", "pricing-cli"))));
            Path target = Path.of(o.get("export-plan"));
            Files.writeString(target, PlanDocumentWriter.toJson(plan));
            out.println("draft plan written to " + target);
        }
        return 0;
    }

    private int quote(Options o) throws IOException {
        CompiledPlan plan = compile(o.required("plan"), o.get("base"));
        SummaryFile file = SummaryFile.read(Path.of(o.required("usage")), encoding(o));
        boolean wellness = plan.needsWellness();
        SummaryFile.Kind needed = wellness ? SummaryFile.Kind.WEARABLE : SummaryFile.Kind.DRIVING;
        if (file.kind() != needed && file.kind() != SummaryFile.Kind.UNKNOWN) {
            throw BadSummaryFile.of(file.path(), "plan " + plan.key() + (wellness ? " prices wellness tiers from a wearable's daily summaries ("
                    + String.join(", ", WearableFile.REQUIRED) + ") but this file has driving columns"
                    : " prices driving from a vehicle's daily usage (" + String.join(", ", UsageFile.REQUIRED) + ") but this file has wearable columns"));
        }
        List<DailyUsage> usage = wellness ? List.of() : UsageFile.from(file);
        List<WearableDay> worn = wellness ? WearableFile.from(file) : List.of();
        List<LocalDate> days = wellness ? worn.stream().map(WearableDay::day).toList() : usage.stream().map(DailyUsage::day).toList();
        Set<String> devices = new TreeSet<>(wellness ? worn.stream().map(WearableDay::deviceId).toList() : usage.stream().map(DailyUsage::deviceId).toList());
        if (devices.size() > 1) {
            throw BadSummaryFile.of(file.path(), "rows of " + devices.size() + " devices " + devices.stream().limit(5).toList()
                    + (devices.size() > 5 ? "…" : "") + ": a quote prices one device's period, give one device's rows");
        }
        LocalDate from, to;
        if (o.has("from") || o.has("to")) {
            from = date(o, "from");
            to = date(o, "to");
        } else {
            if (days.isEmpty()) throw new UsageError("the file has no days: give --from and --to");
            from = days.stream().min(LocalDate::compareTo).orElseThrow();
            to = days.stream().max(LocalDate::compareTo).orElseThrow().plusDays(1);
        }
        RatingInput.Builder b = RatingInput.builder(o.getOr("policy", devices.isEmpty() ? "policy" : devices.iterator().next()));
        for (String kv : o.all("set")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new UsageError("--set needs var=value, got '" + kv + "'");
            b.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (o.has("prior-adjustment")) b.priorAdjustment(Double.parseDouble(o.get("prior-adjustment")));
        ScoreCommands.Scored scored = null;
        if (wellness) {
            // as the hub's QuoteService: a wellness plan reads wearable days only
            UsageFeatures.addWellness(b, worn, from, to, QuoteService.MIN_WORN_MINUTES_PER_DAY);
        } else {
            UsageFeatures.addDriving(b, usage, from, to, plan.dailyKmCap());
            if (plan.usesVariable(Variable.TELEMATICS_SCORE)) {
                scored = ScoreCommands.score(o.has("score-model") ? Path.of(o.get("score-model")) : null, usage, (int) ChronoUnit.DAYS.between(from, to));
                b.set(Variable.TELEMATICS_SCORE, scored.score());
            }
        }
        Quote q = plan.quote(b.build());
        out.print(q.explain());
        if (scored != null) out.println("telematicsScore model: " + scored.model());
        return 0;
    }

    private static LocalDate date(Options o, String option) {
        String v = o.required(option);
        try {
            return LocalDate.parse(v);
        } catch (java.time.DateTimeException e) {
            throw new UsageError("--" + option + " must be a date yyyy-mm-dd, got '" + v + "'");
        }
    }

    private int validate(Options o) {
        RatingPlan plan = read(o.required("plan"), o.get("base"));
        PlanValidator v = new PlanValidator(ProhibitedVariables.defaults());
        List<PlanProblem> problems = v.validate(plan);
        if (!problems.isEmpty()) {
            err.println(plan.key() + ": " + problems.size() + " problem(s)");
            problems.forEach(p -> err.println("  " + p));
            return 1;
        }
        out.println(plan.key() + ": valid");
        int failed = 0;
        for (PlanTestResult r : PlanTestRunner.run(CompiledPlan.compile(plan, v))) {
            out.println("  " + r);
            if (!r.passed()) failed++;
        }
        out.println(plan.tests().size() - failed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private int impact(Options o) throws IOException {
        CompiledPlan draft = compile(o.required("draft"), null);
        CompiledPlan active = compile(o.required("active"), null);
        DataTable t = readCsv(Path.of(o.required("portfolio")), o);
        if (!t.has("policyId")) throw new UsageError("portfolio needs a policyId column");
        List<RatingInput> policies = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            try {
                Map<String, Object> profile = new LinkedHashMap<>();
                Double prior = null;
                for (String c : t.names()) {
                    String val = t.text(c)[i];
                    if (c.equals("policyId") || val.isEmpty()) continue;
                    if (c.equals("priorAdjustment")) prior = Double.parseDouble(val);
                    else profile.put(c, val);
                }
                policies.add(RatingInput.fromProfile(t.text("policyId")[i], profile, prior));
            } catch (RuntimeException e) {
                errors.add("data row " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            err.println("portfolio: " + errors.size() + " bad row(s)");
            errors.stream().limit(20).forEach(e -> err.println("  " + e));
            return 1;
        }
        ImpactReport r = ImpactAnalysis.run(draft, active, PolicySource.of(policies), Integer.parseInt(o.getOr("threads",
                String.valueOf(Runtime.getRuntime().availableProcessors()))));
        out.print(r.format());
        return 0;
    }

    private int scoreTrain(Options o) throws IOException {
        out.print(ScoreCommands.train(Path.of(o.required("out")), Integer.parseInt(o.getOr("drivers", "20000")),
                Integer.parseInt(o.getOr("days", "60")), Long.parseLong(o.getOr("seed", "42")), Integer.parseInt(o.getOr("steps", "1200"))));
        return 0;
    }

    private static RatingPlan read(String planFile, String baseFile) {
        RatingPlan plan = PlanDocumentReader.read(Path.of(planFile));
        if (plan.deviation() != null) {
            if (baseFile == null) throw new UsageError(plan.key() + " is a deviation of " + plan.deviation().base() + ": give --base BASE.json");
            RatingPlan base = PlanDocumentReader.read(Path.of(baseFile));
            if (!base.key().equals(plan.deviation().base())) throw new UsageError("--base is " + base.key() + " but the deviation needs " + plan.deviation().base());
            plan = io.telerisk.pricing.catalog.DeviationResolver.resolve(plan, base);
        }
        return plan;
    }

    private static CompiledPlan compile(String planFile, String baseFile) {
        return CompiledPlan.compile(read(planFile, baseFile), new PlanValidator(ProhibitedVariables.defaults()));
    }

    /** Bad command line (exit 2). */
    static final class UsageError extends RuntimeException {
        UsageError(String m) { super(m); }
    }

    /** --key value options; repeated keys are kept in order. */
    record Options(Map<String, List<String>> values) {
        static Options parse(String[] args, int from) {
            Map<String, List<String>> m = new HashMap<>();
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--") || a.length() < 3) throw new IllegalArgumentException("expected --option, got '" + a + "'");
                String key = a.substring(2), value;
                int eq = key.indexOf('=');
                if (eq > 0 && !key.equals("set")) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("option --" + key + " needs a value");
                    value = args[++i];
                }
                m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            return new Options(m);
        }

        boolean has(String k) { return values.containsKey(k); }

        String get(String k) { return has(k) ? values.get(k).get(values.get(k).size() - 1) : null; }

        String getOr(String k, String d) { return has(k) ? get(k) : d; }

        List<String> all(String k) { return values.getOrDefault(k, List.of()); }

        String required(String k) {
            if (!has(k)) throw new UsageError("missing --" + k);
            return get(k);
        }
    }
}
