package io.telerisk.hub.agri;

import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.model.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes a decision as the {@link Command} the hub publishes on the device's {@code cmd} topic:
 * {@code name = "loan_decision"}, {@code id = "loan-" + applicationId} (so a redelivery is recognisable), string
 * args for the headline (applicationId, outcome, reason, amountRequested, approvedAmount (0 unless approved),
 * offeredAmount (what a credit officer starts from on a referral), limit, currency, grade, annualRatePercent,
 * termMonths) and, in {@code data}, the decision's {@code factors} and repayment {@code schedule} exactly as the REST
 * API answers them ({@link AgriJson#factors}, {@link AgriJson#schedule}: one encoder for both).
 *
 * <p>The payload is bounded by what a decision can hold: the engine's factors (about fifteen short sentences, plus
 * a credit officer's note of at most 1,000 characters) and at most 36 instalments; the worst case stays far below
 * the 64 KiB a command may have ({@code LoanDecisionCommandTest} measures it).
 */
public final class LoanDecisionCommand {
    /** The command name. */
    public static final String NAME = "loan_decision";

    private LoanDecisionCommand() {
    }

    /** The command carrying {@code d} to its device. */
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
        a.put("termMonths", Integer.toString(d.termMonths()));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("factors", AgriJson.factors(d).encode());
        data.put("schedule", AgriJson.schedule(d).encode());
        return new Command("loan-" + d.applicationId(), NAME, a, data);
    }
}
