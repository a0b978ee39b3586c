package io.telerisk.agri.loan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A loan request from a field device.
 *
 * @param applicationId   stable id: device id and request time, so a redelivered event is the same application
 * @param tenant          tenant
 * @param deviceId        requesting device
 * @param amountRequested requested principal, scale 2
 * @param currency        ISO 4217 currency
 * @param termMonths      requested term
 * @param purpose         free text from the farmer (seed, fertiliser...)
 * @param requestedAt     event time (UTC)
 */
public record LoanApplication(String applicationId, String tenant, String deviceId, BigDecimal amountRequested,
                              Currency currency, int termMonths, String purpose, Instant requestedAt) {
    public LoanApplication {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(amountRequested, "amountRequested");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (amountRequested.signum() <= 0) throw new IllegalArgumentException("amount must be positive");
        if (termMonths < 1) throw new IllegalArgumentException("term must be at least one month");
    }
}
