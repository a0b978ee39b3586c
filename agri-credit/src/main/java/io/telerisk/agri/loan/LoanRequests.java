package io.telerisk.agri.loan;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.EventTypes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Turns a {@code loan_request} {@link DeviceEvent} into a {@link LoanApplication}. Fields: {@code amountRequested}
 * (label, exact decimal text, preferred; or measure), {@code termMonths} (measure or label, whole months 1..36),
 * {@code purpose} (label, up to 200 characters) and {@code currency} (label, ISO 4217). Bad requests come back as
 * {@link Parsed.Invalid} with the reason; nothing throws.
 */
public final class LoanRequests {
    public static final int MAX_TERM_MONTHS = 36;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000");

    private LoanRequests() {
    }

    /** Result of parsing. */
    public sealed interface Parsed permits Parsed.Valid, Parsed.Invalid {
        record Valid(LoanApplication application) implements Parsed {
        }

        record Invalid(String reason) implements Parsed {
        }
    }

    public static Parsed fromEvent(DeviceKey device, DeviceEvent e) {
        if (!EventTypes.LOAN_REQUEST.equals(e.type())) return new Parsed.Invalid("event type '" + e.type() + "' is not loan_request");
        BigDecimal amount;
        try {
            String text = e.labels().get("amountRequested");
            Double measure = e.measures().get("amountRequested");
            // bounded before anything prints it: a 311-byte event once sent a 3 MB command back to the device
            if (text != null) amount = io.telerisk.model.Amounts.parse("amountRequested", text);
            else if (measure != null && Double.isFinite(measure)) amount = io.telerisk.model.Amounts.of("amountRequested", measure);
            else return new Parsed.Invalid("amountRequested is missing");
        } catch (IllegalArgumentException ex) {
            return new Parsed.Invalid(ex.getMessage());
        }
        if (amount.signum() <= 0) return new Parsed.Invalid("amountRequested must be positive, got " + amount.toPlainString());
        if (amount.compareTo(MAX_AMOUNT) > 0) return new Parsed.Invalid("amountRequested " + amount.toPlainString() + " exceeds " + MAX_AMOUNT.toPlainString());
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            return new Parsed.Invalid("amountRequested has more than 2 decimals: " + amount.toPlainString());
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);

        Double termMeasure = e.measures().get("termMonths");
        String termLabel = e.labels().get("termMonths");
        double term;
        try {
            if (termMeasure != null) term = termMeasure;
            else if (termLabel != null) term = Double.parseDouble(termLabel.trim());
            else return new Parsed.Invalid("termMonths is missing");
        } catch (NumberFormatException ex) {
            return new Parsed.Invalid("termMonths is not a number");
        }
        if (!Double.isFinite(term) || term != Math.rint(term) || term < 1 || term > MAX_TERM_MONTHS) {
            return new Parsed.Invalid("termMonths must be a whole number of months 1.." + MAX_TERM_MONTHS + ", got " + term);
        }
        String currencyCode = e.labels().get("currency");
        if (currencyCode == null) return new Parsed.Invalid("currency is missing");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            return new Parsed.Invalid("currency '" + currencyCode + "' is not an ISO 4217 code");
        }
        String purpose = e.labels().getOrDefault("purpose", "").strip();
        if (purpose.isEmpty()) return new Parsed.Invalid("purpose is missing");
        if (purpose.length() > 200) return new Parsed.Invalid("purpose longer than 200 characters");
        if (purpose.chars().anyMatch(Character::isISOControl)) return new Parsed.Invalid("purpose contains control characters");
        String id = device.deviceId() + "-" + e.time().toEpochMilli();
        return new Parsed.Valid(new LoanApplication(id, device.tenant(), device.deviceId(), amount, currency, (int) term, purpose, e.time()));
    }
}
