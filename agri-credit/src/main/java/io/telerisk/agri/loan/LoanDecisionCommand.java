package io.telerisk.agri.loan;

import io.telerisk.model.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Encodes a decision as the {@link Command} the hub publishes on the device's {@code cmd} topic:
 * {@code name = "loan_decision"}, {@code id = "loan-" + applicationId} (so a redelivery is recognisable) and string
 * args: applicationId, outcome, reason, amountRequested, approvedAmount (0 unless approved), offeredAmount (what a
 * credit officer starts from on a referral), limit, currency, grade, annualRatePercent, schedule
 * ({@code "2025-10-15:1234.56;..."}, due date and total per instalment) and factors ({@code "code=value;..."}: a
 * device has a small screen and string args; the full explanation, with thresholds, effects and plain words, is the
 * decision's {@code factors} in the REST API).
 */
public final class LoanDecisionCommand {
    public static final String NAME = "loan_decision";

    private LoanDecisionCommand() {
    }

    public static Command toCommand(LoanDecision d) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("applicationId", d.applicationId());
        a.put("outcome", d.outcome().name());
        a.put("reason", d.reasonCode());
        a.put("amountRequested", d.amountRequested().toPlainString());
        a.put("approvedAmount", d.approvedAmount().toPlainString());
        a.put("offeredAmount", d.offeredAmount().toPlainString());
        a.put("limit", d.limit().toPlainString());
        a.put("currency", d.currency().getCurrencyCode());
        if (d.grade() != null) a.put("grade", d.grade().name());
        if (d.annualRatePercent() != null) a.put("annualRatePercent", d.annualRatePercent().toPlainString());
        StringJoiner s = new StringJoiner(";");
        for (Instalment i : d.schedule()) s.add(i.dueDate() + ":" + i.total().toPlainString());
        a.put("schedule", s.toString());
        StringJoiner f = new StringJoiner(";");
        for (Factor x : d.factors()) f.add(x.code() + "=" + x.value().replace(';', ','));
        a.put("factors", f.toString());
        return new Command("loan-" + d.applicationId(), NAME, a);
    }
}
