package io.telerisk.pricing.quoting;

import io.telerisk.model.DeviceType;
import io.telerisk.pricing.plan.Jurisdiction;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Ask for a quote of one policy period.
 *
 * @param tenant          tenant
 * @param policyId        policy
 * @param deviceId        vehicle or wearable device whose summaries are read
 * @param deviceType      its kind: a wellness plan prices a {@code WEARABLE}, any other plan a {@code VEHICLE}
 * @param productLine     e.g. "motor", "wellness"
 * @param jurisdiction    where the risk is
 * @param currency        ISO 4217
 * @param from            first day of the period
 * @param toExclusive     day after the last day
 * @param declared        declared classic variables by document name (numbers as text)
 * @param priorAdjustment telematics adjustment at the previous renewal, {@code null} for new business
 */
public record QuoteRequest(String tenant, String policyId, String deviceId, DeviceType deviceType, String productLine, Jurisdiction jurisdiction,
                           String currency, LocalDate from, LocalDate toExclusive, Map<String, String> declared,
                           Double priorAdjustment) {
    public QuoteRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(productLine, "productLine");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (!from.isBefore(toExclusive)) throw new IllegalArgumentException("empty period " + from + " .. " + toExclusive);
        declared = declared == null ? Map.of() : Map.copyOf(declared);
    }
}
