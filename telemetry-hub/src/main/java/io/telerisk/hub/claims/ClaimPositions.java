package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.Claim;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.privacy.LocationAccess;
import io.telerisk.hub.privacy.LocationAccessLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a claim answer shows of the device's positions, by the same rule as the telemetry API: an adjuster sees the
 * evidence window with its GNSS fixes (the claim is its reason), and that read is appended to the location access
 * log before the answer is built (resource {@code claim}); anyone else (insurers) gets the claim with every device
 * position removed, including coordinates quoted in the evidence text of claims assessed before texts stopped
 * quoting them. The place a person reported ({@code reported.place}) is their own statement and stays.
 */
final class ClaimPositions {
    /** A latitude,longitude pair as the assessment texts wrote it ({@code 48.12345,11.54321}). */
    private static final Pattern COORDINATES = Pattern.compile("-?\\d{1,3}\\.\\d{3,}\\s?,\\s?-?\\d{1,3}\\.\\d{3,}");
    static final String REMOVED = "[position removed]";

    private final LocationAccessLog log;
    private final Clock clock;

    ClaimPositions(LocationAccessLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How far around the reported time a report's cross-check reads the device's telemetry (ReportedClaimService). */
    static final java.time.Duration REPORT_WINDOW = java.time.Duration.ofHours(2);

    /**
     * Logs that a person's report makes the hub read the device's positions around the reported time (to check the
     * reported place), before the read; a log that cannot be written refuses the report.
     */
    void reportRead(Principal filer, io.telerisk.model.DeviceKey device, Instant lossTime) {
        Role role = filer.has(Role.ADJUSTER) ? Role.ADJUSTER : Role.INSURER;
        log.append(new LocationAccess(clock.instant(), filer.username(), role, device, lossTime.minus(REPORT_WINDOW),
                lossTime.plus(REPORT_WINDOW), null, "claim-report"));
    }

    /** The claim document {@code doc} of {@code c} as {@code reader} may see it, with {@code positions} saying so. */
    JsonObject view(Claim c, JsonObject doc, Principal reader) {
        Window w = window(doc.getJsonObject("crash"));
        if (reader.has(Role.ADJUSTER)) {
            if (w != null && c.device() != null) {
                log.append(new LocationAccess(clock.instant(), reader.username(), Role.ADJUSTER, c.device(), w.from(), w.to(),
                        c.claimId(), "claim"));
            }
            return doc.put("positions", w == null ? "none" : "included");
        }
        for (String key : doc.fieldNames().toArray(String[]::new)) {
            if (!key.equals("reported")) doc.put(key, strip(doc.getValue(key)));
        }
        return doc.put("positions", "removed");
    }

    private record Window(Instant from, Instant to) {
    }

    /** The time span of the evidence window's samples that carry a position, or null when none does. */
    private static Window window(JsonObject crash) {
        if (crash == null) return null;
        Instant from = null, to = null;
        JsonArray samples = crash.getJsonArray("window", new JsonArray());
        for (Object o : samples) {
            if (!(o instanceof JsonObject s) || s.getValue("position") == null || s.getString("time") == null) continue;
            Instant t = Instant.parse(s.getString("time"));
            if (from == null || t.isBefore(from)) from = t;
            if (to == null || !t.isBefore(to)) to = t.plusMillis(1);
        }
        if (from == null && crash.getValue("position") != null && crash.getString("impactTime") != null) {
            from = Instant.parse(crash.getString("impactTime"));
            to = from.plusMillis(1);
        }
        return from == null ? null : new Window(from, to);
    }

    /** A copy without {@code position} members and with coordinates in text replaced. */
    private static Object strip(Object v) {
        if (v instanceof JsonObject o) {
            JsonObject out = new JsonObject();
            for (String k : o.fieldNames()) if (!k.equals("position")) out.put(k, strip(o.getValue(k)));
            return out;
        }
        if (v instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            for (Object x : a) out.add(strip(x));
            return out;
        }
        if (v instanceof String s) return COORDINATES.matcher(s).replaceAll(REMOVED);
        return v;
    }
}
