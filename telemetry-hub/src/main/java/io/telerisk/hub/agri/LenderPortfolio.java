package io.telerisk.hub.agri;

import io.telerisk.agri.lending.LendingPolicy;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.monitor.SeasonAlert;
import io.telerisk.agri.monitor.SeasonMonitor;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static io.telerisk.hub.agri.AgriInput.asOf;
import static io.telerisk.hub.agri.AgriInput.money;
import static io.telerisk.hub.agri.AgriInput.requireAny;
import static io.telerisk.hub.agri.AgriInput.zero;

/**
 * The lender's book on a date ({@code GET /api/v1/lender/portfolio}): counts per status, committed (approved, not
 * disbursed), exposure (outstanding principal of disbursed loans), arrears, expected loss (PD of the grade × LGD ×
 * exposure; lower LGD with a linked cover), referrals waiting, and the loans on fields with season alerts. Totals are
 * the sums of the per-loan lines, which are the loan list's own figures ({@link LoanAccounts}).
 */
public final class LenderPortfolio {
    private static final int PAGE = 500;

    private final JdbcLending lending;
    private final LoanAccounts accounts;
    private final JdbcFieldRepository fields;
    private final SeasonMonitor monitor;
    private final Function<String, LendingPolicy> policies;
    private final Currency currency;
    private final Clock clock;

    LenderPortfolio(JdbcLending lending, LoanAccounts accounts, JdbcFieldRepository fields, SeasonMonitor monitor,
                    Function<String, LendingPolicy> policies, Currency currency, Clock clock) {
        this.lending = Objects.requireNonNull(lending);
        this.accounts = Objects.requireNonNull(accounts);
        this.fields = Objects.requireNonNull(fields);
        this.monitor = Objects.requireNonNull(monitor);
        this.policies = Objects.requireNonNull(policies);
        this.currency = Objects.requireNonNull(currency);
        this.clock = Objects.requireNonNull(clock);
    }

    public AgriReply portfolio(Principal p, String tenant, String asOf) {
        requireAny(p, Role.LENDER);
        LocalDate day = asOf(clock, asOf);
        LendingPolicy pol = policies.apply(tenant);
        BigDecimal committed = zero(), exposure = zero(), arrears = zero(), expectedLoss = zero(), alertedExposure = zero();
        JsonObject byStatus = new JsonObject();
        JsonArray lines = new JsonArray(), alerted = new JsonArray();
        long n = lending.approvedCount(tenant);
        for (int off = 0; off < n; off += PAGE) {
            for (LoanDecision d : lending.approvedLoans(tenant, off, PAGE)) {
                LoanAccounts.Account a = accounts.account(tenant, d, day);
                byStatus.put(a.status(), byStatus.getInteger(a.status(), 0) + 1);
                BigDecimal ead = a.exposure();
                BigDecimal el = pol.expectedLoss(d.grade(), ead, a.cover() != null);
                committed = committed.add(a.committed());
                exposure = exposure.add(ead);
                arrears = arrears.add(a.arrears());
                expectedLoss = expectedLoss.add(el);
                lines.add(LoanAccounts.summary(a).put("expectedLoss", money(el)));
                List<SeasonAlert> alerts = d.fieldId() == null ? List.of()
                        : fields.find(tenant, d.fieldId()).map(f -> monitor.evaluate(f, d.applicationId(), day)).orElse(List.of());
                if (!alerts.isEmpty()) {
                    JsonArray kinds = new JsonArray();
                    for (SeasonAlert x : alerts) kinds.add(new JsonObject().put("kind", x.kind().name()).put("message", x.message()));
                    alerted.add(new JsonObject().put("applicationId", d.applicationId()).put("fieldId", d.fieldId())
                            .put("exposure", money(ead)).put("alerts", kinds));
                    alertedExposure = alertedExposure.add(ead);
                }
            }
        }
        return AgriReply.ok(new JsonObject().put("asOf", day.toString()).put("currency", currency.getCurrencyCode())
                .put("loans", n).put("byStatus", byStatus).put("referralsPending", lending.referralCount(tenant))
                .put("committed", money(committed)).put("exposure", money(exposure)).put("arrears", money(arrears))
                .put("expectedLoss", money(expectedLoss))
                .put("expectedLossBasis", "PD by grade " + pol.probabilityOfDefault().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue().toPlainString()).toList() + ", LGD " + pol.lossGivenDefault().toPlainString()
                        + " (" + pol.lossGivenDefaultCovered().toPlainString() + " with a crop cover)")
                .put("loansOnFieldsWithAlerts", alerted).put("exposureOnFieldsWithAlerts", money(alertedExposure)).put("lines", lines));
    }
}
