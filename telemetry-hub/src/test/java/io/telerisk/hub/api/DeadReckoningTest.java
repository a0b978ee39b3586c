package io.telerisk.hub.api;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.telerisk.hub.auth.Role.FARMER;
import static io.telerisk.hub.auth.Role.INSURER;
import static io.telerisk.hub.auth.Role.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Location privacy against derivable data (issue #12): an answer with {@code "positions": "removed"} must not let a
 * reader rebuild the route by dead reckoning. The test drives a 20-minute winding route at 1 Hz, reads it as an
 * insurer, and rebuilds the route from the answer exactly as an attacker would (speed along the heading, or along the
 * turn rate from lateral acceleration, from a known start), giving the attacker the best constant heading when the
 * answer has no direction at all. The same reconstruction from an operator's answer (heading included) lands within
 * metres, which proves the method works.
 */
class DeadReckoningTest {
    private static final Instant T0 = Instant.parse("2026-04-01T07:00:00Z");
    private static final int SECONDS = 1200;
    private static final double LAT0 = 48.1;
    private static final double LON0 = 11.5;
    private static final double M_PER_DEG_LAT = 111_320;
    private static ApiFixture hub;
    /** The true route, metres east and north of the start, one point per second. */
    private static double[][] truth;

    @BeforeAll
    static void drive() throws Exception {
        hub = ApiFixture.start(ApiFixture.Db.H2);
        Random r = new Random(42);
        truth = new double[SECONDS][2];
        List<Sample> samples = new ArrayList<>();
        double x = 0, y = 0, heading = 30, speed = 14;
        double target = heading;
        int nextTurn = 60;
        for (int i = 0; i < SECONDS; i++) {
            if (i == nextTurn) {
                target = heading + (r.nextBoolean() ? 1 : -1) * (60 + r.nextInt(90));
                nextTurn = i + 40 + r.nextInt(80);
                speed = 8 + r.nextInt(13);
            }
            double turn = Math.max(-20, Math.min(20, target - heading));
            heading += turn;
            double h = Math.toRadians(heading);
            x += speed * Math.sin(h);
            y += speed * Math.cos(h);
            truth[i] = new double[]{x, y};
            double lateral = speed * Math.toRadians(turn); // v × yaw rate, m/s²
            double lat = LAT0 + y / M_PER_DEG_LAT;
            double lon = LON0 + x / (M_PER_DEG_LAT * Math.cos(Math.toRadians(LAT0)));
            samples.add(new VehicleSample(T0.plusSeconds(i), GnssFix.of(lat, lon), speed, ((heading % 360) + 360) % 360,
                    new Acceleration(0.0, lateral, 9.81), 5000 + i * speed / 1000, true));
        }
        for (int from = 0; from < SECONDS; from += 300) {
            hub.store.store(List.of(Envelope.telemetry("acme", "car-1", DeviceType.VEHICLE, 1 + from, T0.plusSeconds(from + 300),
                    samples.subList(from, from + 300))));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static JsonArray read(io.telerisk.hub.auth.Role role, String expectPositions) {
        HttpResponse<String> r = hub.get("/api/v1/devices/vehicle/car-1/telemetry?from=" + T0 + "&to=" + T0.plusSeconds(SECONDS)
                + "&limit=" + SECONDS, hub.token(role));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(expectPositions, body.getString("positions"));
        assertEquals(SECONDS, body.getJsonArray("items").size());
        return body.getJsonArray("items");
    }

    /**
     * The attacker's reconstruction from a known start: speed along the heading when the answer has it; else along
     * the heading integrated from the turn rate (lateral acceleration / speed) from {@code initialHeading}; else along
     * {@code initialHeading}. Returns the median distance from the true route, metres.
     */
    private static double medianErrorM(JsonArray items, double initialHeading) {
        double x = 0, y = 0, heading = initialHeading;
        double[] errors = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            JsonObject s = items.getJsonObject(i);
            Double v = s.getDouble("speedMps");
            double speed = v == null ? 0 : v;
            if (s.getDouble("headingDeg") != null) {
                heading = s.getDouble("headingDeg");
            } else if (s.getDouble("accelYMps2") != null && speed > 0.5) {
                heading += Math.toDegrees(s.getDouble("accelYMps2") / speed);
            }
            double h = Math.toRadians(heading);
            x += speed * Math.sin(h);
            y += speed * Math.cos(h);
            errors[i] = Math.hypot(x - truth[i][0], y - truth[i][1]);
        }
        Arrays.sort(errors);
        return errors[errors.length / 2];
    }

    /** The attacker's best result over every initial heading (it does not know which one is right; we give it the best). */
    private static double bestMedianErrorM(JsonArray items) {
        double best = Double.MAX_VALUE;
        for (int h = 0; h < 360; h += 5) best = Math.min(best, medianErrorM(items, h));
        return best;
    }

    @Test
    void theReconstructionWorksOnDataThatCarriesDirection() {
        double error = medianErrorM(read(OPERATOR, "included"), 0);
        assertTrue(error < 50, "dead reckoning from speed and heading rebuilds the route: median error " + error + " m");
    }

    @Test
    void aRouteCannotBeRebuiltFromAnAnswerWithPositionsRemoved() {
        for (var role : List.of(INSURER, FARMER)) {
            JsonArray items = read(role, "removed");
            for (int i = 0; i < items.size(); i++) {
                JsonObject s = items.getJsonObject(i);
                for (String f : List.of("latitudeDeg", "longitudeDeg", "headingDeg", "accelXMps2", "accelYMps2", "accelZMps2")) {
                    assertFalse(s.containsKey(f), role + " got " + f + ": " + s);
                }
            }
            assertEquals(14.0, items.getJsonObject(0).getDouble("speedMps"), "speed (without direction) stays");
            double error = bestMedianErrorM(items);
            assertTrue(error > 1000, role + ": the route rebuilt from the answer must be far off, median error " + error + " m");
        }
    }

    @Test
    void seriesOfDirectionAreReadLikePositions() {
        String path = "/api/v1/devices/vehicle/car-1/series?from=" + T0 + "&to=" + T0.plusSeconds(SECONDS) + "&bucket=PT1S&field=";
        for (String field : List.of("headingDeg", "accelXMps2", "accelYMps2")) {
            HttpResponse<String> r = hub.get(path + field, hub.token(INSURER));
            assertEquals(403, r.statusCode(), field + ": " + r.body());
        }
        assertEquals(200, hub.get(path + "speedMps", hub.token(INSURER)).statusCode(), "speed without direction stays readable");
        int before = accessLog().size();
        HttpResponse<String> op = hub.get(path + "headingDeg", hub.token(OPERATOR));
        assertEquals(200, op.statusCode(), op.body());
        assertEquals("included", new JsonObject(op.body()).getString("positions"));
        JsonArray log = accessLog();
        assertEquals(before + 1, log.size(), "an operator's read of the heading series is logged like positions");
        assertEquals("series", log.getJsonObject(0).getString("resource"));
    }

    private static JsonArray accessLog() {
        HttpResponse<String> r = hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z&limit=5000", hub.token(OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("items");
    }
}
