package io.telerisk.hub.api;

import io.telerisk.hub.auth.ApiUser;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.ingest.DeadLetter;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.privacy.LocationAccess;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.registry.DeviceStatus;
import io.telerisk.hub.store.SampleFields;
import io.telerisk.hub.store.SeriesPoint;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Sample;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.telerisk.model.summary.Trip;
import io.telerisk.model.summary.WearableDay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API's JSON shapes, written out field by field so that what leaves the hub is exactly what the OpenAPI
 * document says (and nothing a new record component would add by accident). Times are ISO-8601 UTC strings.
 */
final class ApiJson {
    private ApiJson() {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static JsonObject key(DeviceKey k) {
        return new JsonObject().put("tenant", k.tenant()).put("type", k.type().wireName()).put("id", k.deviceId());
    }

    static JsonObject device(RegisteredDevice d, Optional<DeviceStatus> status) {
        JsonObject o = key(d.key()).put("displayName", d.displayName()).put("registeredAt", time(d.registeredAt()))
                .put("mqttUsername", d.key().tenant() + "/" + d.key().deviceId()).put("state", d.state().wireName());
        JsonObject s = new JsonObject();
        if (status.isPresent()) {
            s.put("online", status.get().online()).put("lastSeen", time(status.get().lastSeen()))
                    .put("changedAt", time(status.get().changedAt()));
        } else {
            s.put("online", false).putNull("lastSeen").putNull("changedAt");
        }
        return o.put("status", s);
    }

    /** A vehicle's fix: time, position and, when it reported them, speed and heading. */
    static JsonObject position(io.telerisk.model.VehicleSample v) {
        return new JsonObject().put("time", time(v.time())).put("latitudeDeg", v.position().latitudeDeg())
                .put("longitudeDeg", v.position().longitudeDeg()).put("speedMps", v.speedMps()).put("headingDeg", v.headingDeg());
    }

    /**
     * A device's refused logins (or a tenant's unknown usernames when {@code deviceId} is null): {@code deviceId, type,
     * refused, firstAt, lastAt, lastReason, lastRemoteAddress, lastUsername}.
     */
    static JsonObject refusedLogins(io.telerisk.hub.registry.LoginRefusal r) {
        return new JsonObject().put("deviceId", r.deviceId()).put("type", r.type() == null ? null : r.type().wireName())
                .put("refused", r.refused()).put("firstAt", time(r.firstAt())).put("lastAt", time(r.lastAt()))
                .put("lastReason", r.lastReason().wireName()).put("lastRemoteAddress", r.lastRemoteAddress())
                .put("lastUsername", r.lastUsername());
    }

    /** An edge agent's latest health report: its figures by wire name, when it was measured and received. */
    static JsonObject agentHealth(io.telerisk.hub.registry.AgentHealthReport h) {
        JsonObject o = new JsonObject().put("reportedAt", time(h.reportedAt())).put("receivedAt", time(h.receivedAt()));
        h.counters().forEach(o::put);
        return o.put("connected", h.connected()).put("lastError", h.lastError());
    }

    static JsonObject credential(DeviceCredential c) {
        return new JsonObject().put("device", key(c.device())).put("username", c.username()).put("token", c.token())
                .put("issuedAt", time(c.issuedAt()));
    }

    /** A sample: its time, sequence and the stored field values (absent readings omitted). */
    static JsonObject sample(long sequence, Sample s) {
        JsonObject o = new JsonObject().put("time", time(s.time())).put("sequence", sequence);
        for (Map.Entry<String, Object> e : SampleFields.valueMap(s).entrySet()) o.put(e.getKey(), e.getValue());
        return o;
    }

    static JsonObject event(long sequence, DeviceEvent e) {
        JsonObject measures = new JsonObject();
        e.measures().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(m -> measures.put(m.getKey(), m.getValue()));
        JsonObject labels = new JsonObject();
        e.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(m -> labels.put(m.getKey(), m.getValue()));
        JsonArray window = new JsonArray();
        for (Sample s : e.window()) window.add(sample(sequence, s));
        return new JsonObject().put("type", e.type()).put("time", time(e.time())).put("sequence", sequence)
                .put("measures", measures).put("labels", labels).put("window", window);
    }

    static JsonObject point(SeriesPoint p) {
        return new JsonObject().put("bucketStart", time(p.bucketStart())).put("value", p.value());
    }

    static JsonObject dailyUsage(DailyUsage d) {
        return new JsonObject().put("deviceId", d.deviceId()).put("day", d.day().toString())
                .put("distanceKm", d.distanceKm()).put("nightDistanceKm", d.nightDistanceKm())
                .put("speedingDistanceKm", d.speedingDistanceKm()).put("urbanDistanceKm", d.urbanDistanceKm())
                .put("ruralDistanceKm", d.ruralDistanceKm()).put("motorwayDistanceKm", d.motorwayDistanceKm())
                .put("drivingTimeS", d.drivingTime().toSeconds()).put("trips", d.trips())
                .put("harshBrakes", d.harshBrakes()).put("harshAccelerations", d.harshAccelerations())
                .put("harshCorners", d.harshCorners());
    }

    static JsonObject trip(Trip t) {
        return new JsonObject().put("deviceId", t.deviceId()).put("start", time(t.start())).put("end", time(t.end()))
                .put("distanceKm", t.distanceKm()).put("nightDistanceKm", t.nightDistanceKm())
                .put("speedingDistanceKm", t.speedingDistanceKm()).put("maxSpeedMps", t.maxSpeedMps())
                .put("harshBrakes", t.harshBrakes()).put("harshAccelerations", t.harshAccelerations())
                .put("harshCorners", t.harshCorners());
    }

    static JsonObject wearableDay(WearableDay w) {
        return new JsonObject().put("deviceId", w.deviceId()).put("day", w.day().toString()).put("steps", w.steps())
                .put("activeMinutes", w.activeMinutes()).put("restingHeartRateBpm", w.restingHeartRateBpm())
                .put("sleepMinutes", w.sleepMinutes()).put("meanSpo2Percent", w.meanSpo2Percent())
                .put("wornMinutes", w.wornMinutes());
    }

    static JsonObject farmDay(FarmDay f) {
        return new JsonObject().put("deviceId", f.deviceId()).put("day", f.day().toString())
                .put("meanSoilMoistureVwc", f.meanSoilMoistureVwc()).put("minSoilMoistureVwc", f.minSoilMoistureVwc())
                .put("meanSoilTemperatureC", f.meanSoilTemperatureC()).put("minAirTemperatureC", f.minAirTemperatureC())
                .put("maxAirTemperatureC", f.maxAirTemperatureC())
                .put("meanRelativeHumidityPercent", f.meanRelativeHumidityPercent())
                .put("rainfallMm", f.rainfallMm()).put("leafWetHours", f.leafWetHours()).put("samples", f.samples());
    }

    static JsonObject ingestStats(IngestStats.Snapshot s) {
        JsonObject rejected = new JsonObject();
        s.rejected().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> rejected.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        return new JsonObject().put("received", s.messagesReceived()).put("stored", s.messagesStored())
                .put("pointsStored", s.pointsStored()).put("eventsStored", s.eventsStored())
                .put("duplicates", s.duplicates()).put("rejected", rejected).put("rejectedTotal", s.rejectedTotal())
                .put("spooled", s.spooled()).put("spoolReplayed", s.spoolReplayed());
    }

    /** The last hour per minute, oldest first, in the list envelope, with the hour's totals; {@code scope} says it is this hub's. */
    static JsonObject ingestRates(java.util.List<io.telerisk.hub.ingest.IngestRates.Minute> minutes) {
        JsonArray items = new JsonArray();
        long received = 0, stored = 0, rejected = 0, duplicates = 0;
        for (io.telerisk.hub.ingest.IngestRates.Minute m : minutes) {
            items.add(new JsonObject().put("minute", time(m.start())).put("received", m.received()).put("stored", m.stored())
                    .put("rejected", m.rejected()).put("duplicates", m.duplicates()));
            received += m.received();
            stored += m.stored();
            rejected += m.rejected();
            duplicates += m.duplicates();
        }
        return ListPage.of(items, minutes.size(), new ListPage.Request(0, Math.max(1, minutes.size()))).put("scope", "hub")
                .put("totals", new JsonObject().put("received", received).put("stored", stored).put("rejected", rejected)
                        .put("duplicates", duplicates));
    }

    /** A dead letter; the payload as text when it is UTF-8, else base64. */
    /** A dead letter without its payload (which may hold positions): for a platform operator reading another tenant's. */
    static JsonObject deadLetterWithheld(DeadLetter d) {
        return deadLetterHead(d).put("payload", "withheld");
    }

    private static JsonObject deadLetterHead(DeadLetter d) {
        return new JsonObject().put("receivedAt", time(d.receivedAt()))
                .put("reason", d.reason().name().toLowerCase(Locale.ROOT)).put("detail", d.detail())
                .put("topic", d.topic()).put("source", d.source()).put("contentType", d.contentType())
                .put("payloadBytes", d.payloadBytes()).put("payloadTruncated", d.payloadTruncated());
    }

    static JsonObject deadLetter(DeadLetter d) {
        JsonObject o = deadLetterHead(d);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(d.payload())).toString();
            o.put("payloadText", text);
        } catch (CharacterCodingException e) {
            o.put("payloadBase64", Base64.getEncoder().encodeToString(d.payload()));
        }
        return o;
    }

    static JsonObject access(LocationAccess a) {
        return new JsonObject().put("accessedAt", time(a.accessedAt())).put("username", a.username())
                .put("role", a.role().wireName()).put("device", key(a.device())).put("from", time(a.from()))
                .put("to", time(a.to())).put("claimId", a.claimId()).put("resource", a.resource());
    }

    static JsonObject user(ApiUser u) {
        JsonArray roles = new JsonArray();
        u.roles().stream().sorted().map(Role::wireName).forEach(roles::add);
        return new JsonObject().put("username", u.username()).put("tenant", u.tenant()).put("roles", roles)
                .put("createdAt", time(u.createdAt())).put("disabled", u.disabled());
    }
}
