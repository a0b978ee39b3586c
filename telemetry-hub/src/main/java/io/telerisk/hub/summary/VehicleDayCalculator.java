package io.telerisk.hub.summary;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.RoadClass;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.Trip;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Computes a vehicle's daily usage and trips from its motion samples (GNSS fix, speed or ignition; accelerometer-
 * only samples are ignored), time-ordered and without duplicates. A pure function of its input, so the summariser
 * can recompute a day whenever late or repeated data arrives and always get the same answer.
 *
 * <p>Distance between consecutive samples:
 * <ul>
 *   <li>speed on both and at most {@value #INTEGRATION_GAP_S} s apart: trapezoidal integration of speed (immune to
 *       GNSS position noise);</li>
 *   <li>otherwise great-circle distance between two trusted fixes (HDOP at most {@value #MAX_HDOP}, at least
 *       {@value #MIN_SATELLITES} satellites) at most {@value #TRIP_GAP_S} s apart, dropped when it implies more than
 *       {@value #MAX_PLAUSIBLE_MPS} m/s (a jump) or when both samples report standstill (drift);</li>
 *   <li>nothing across longer gaps.</li>
 * </ul>
 * A segment belongs to the local day, night (22:00–05:00) and speed limit of its midpoint. Its road class is the one
 * the vehicle reported for its trip ({@link RoadClassReports}); without a report, a configured zone whose limit is
 * urban ({@link SpeedLimits#urban}) makes it urban; otherwise its class is unknown and it counts in none of urban,
 * rural or motorway km (pricing then does not rate road shares rather than assume one). Trips run from the first
 * active sample (ignition on or moving at {@value #MOVING_MPS} m/s or more) to ignition off, or to the last active
 * sample before {@value #TRIP_GAP_S} s without activity or without data.
 */
public final class VehicleDayCalculator {
    static final double INTEGRATION_GAP_S = 10;
    static final double MAX_HDOP = 5;
    static final int MIN_SATELLITES = 4;
    static final double TRIP_GAP_S = 300;
    static final double MAX_PLAUSIBLE_MPS = 70;
    static final double MOVING_MPS = 1.0;
    static final double STANDSTILL_MPS = 0.5;

    /** A day's usage and the trips found in the samples given (including ones starting on neighbouring days). */
    public record Result(DailyUsage usage, List<Trip> trips) {
    }

    private final SpeedLimits limits;

    public VehicleDayCalculator(SpeedLimits limits) {
        this.limits = limits;
    }

    /** Whether a sample carries motion information (the summariser keeps only these). */
    public static boolean isMotion(VehicleSample s) {
        return s.position() != null || s.speedMps() != null || s.ignitionOn() != null;
    }

    /**
     * @param points motion samples, time-ordered, unique times, covering the day and (for trips crossing midnight)
     *               some hours either side
     * @param events the device's events over the same range, time-ordered
     */
    public Result compute(String tenant, String deviceId, LocalDate day, ZoneId zone, List<VehicleSample> points,
                          Collection<DeviceEvent> events) {
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        int n = points.size();
        double[] segKm = new double[Math.max(0, n - 1)];
        double[] segS = new double[Math.max(0, n - 1)];
        Instant[] segMid = new Instant[Math.max(0, n - 1)];
        for (int i = 0; i + 1 < n; i++) {
            VehicleSample a = points.get(i);
            VehicleSample b = points.get(i + 1);
            double dt = Duration.between(a.time(), b.time()).toNanos() / 1e9;
            segS[i] = dt;
            segMid[i] = a.time().plusNanos((long) (dt * 5e8));
            segKm[i] = dt <= 0 ? 0 : segmentM(a, b, dt) / 1000.0;
        }
        List<int[]> tripIdx = trips(points, segKm, segS);

        boolean[] inTrip = new boolean[segKm.length];
        Instant[] tripStartOf = new Instant[segKm.length];
        for (int[] t : tripIdx) {
            for (int i = t[0]; i < t[1]; i++) {
                inTrip[i] = true;
                tripStartOf[i] = points.get(t[0]).time();
            }
        }
        RoadClassReports reported = new RoadClassReports(events);

        double km = 0, nightKm = 0, speedingKm = 0, urbanKm = 0, ruralKm = 0, motorwayKm = 0;
        double drivingS = 0;
        for (int i = 0; i < segKm.length; i++) {
            Instant mid = segMid[i];
            if (mid.isBefore(dayStart) || !mid.isBefore(dayEnd)) continue;
            if (inTrip[i]) drivingS += segS[i];
            double d = segKm[i];
            if (d <= 0) continue;
            km += d;
            if (night(mid, zone)) nightKm += d;
            double limit = limitAt(points.get(i), points.get(i + 1));
            if (d * 1000 / segS[i] * 3.6 > limit + 1e-9) speedingKm += d;
            Optional<RoadClass> road = inTrip[i] ? reported.at(mid, tripStartOf[i]) : Optional.empty();
            if (road.isPresent()) {
                RoadClass c = road.get();
                if (c.urban()) urbanKm += d;
                else if (c == RoadClass.RURAL) ruralKm += d;
                else motorwayKm += d;
            } else if (SpeedLimits.urban(limit)) {
                urbanKm += d;
            }
        }

        List<Trip> trips = new ArrayList<>();
        int tripsToday = 0;
        for (int[] t : tripIdx) {
            Instant start = points.get(t[0]).time();
            Instant end = points.get(t[1]).time();
            double tk = 0, tn = 0, ts = 0, maxMps = 0;
            for (int i = t[0]; i < t[1]; i++) {
                double d = segKm[i];
                if (d > 0) {
                    tk += d;
                    if (night(segMid[i], zone)) tn += d;
                    double limit = limitAt(points.get(i), points.get(i + 1));
                    if (d * 1000 / segS[i] * 3.6 > limit + 1e-9) ts += d;
                }
            }
            for (int i = t[0]; i <= t[1]; i++) {
                Double v = points.get(i).speedMps();
                if (v != null) maxMps = Math.max(maxMps, v);
            }
            int[] harsh = harsh(events, start, end.plusNanos(1));
            trips.add(new Trip(tenant, deviceId, start, end, tk, tn, ts, maxMps, harsh[0], harsh[1], harsh[2]));
            if (!start.isBefore(dayStart) && start.isBefore(dayEnd)) tripsToday++;
        }
        int[] harshDay = harsh(events, dayStart, dayEnd);
        DailyUsage usage = new DailyUsage(tenant, deviceId, day, km, Math.min(nightKm, km), Math.min(speedingKm, km),
                Math.min(urbanKm, km), Math.min(ruralKm, km), Math.min(motorwayKm, km), Duration.ofMillis(Math.round(drivingS * 1000)), tripsToday,
                harshDay[0], harshDay[1], harshDay[2]);
        return new Result(usage, trips);
    }

    private double limitAt(VehicleSample a, VehicleSample b) {
        GnssFix p = b.position() != null ? b.position() : a.position();
        return p == null ? limits.limitKmh(Double.NaN, Double.NaN) : limits.limitKmh(p.latitudeDeg(), p.longitudeDeg());
    }

    private static boolean night(Instant t, ZoneId zone) {
        int h = ZonedDateTime.ofInstant(t, zone).getHour();
        return h >= 22 || h < 5;
    }

    private static int[] harsh(Collection<DeviceEvent> events, Instant from, Instant to) {
        int[] c = new int[3];
        for (DeviceEvent e : events) {
            if (e.time().isBefore(from) || !e.time().isBefore(to)) continue;
            switch (e.type()) {
                case EventTypes.HARSH_BRAKING -> c[0]++;
                case EventTypes.HARSH_ACCELERATION -> c[1]++;
                case EventTypes.HARSH_CORNERING -> c[2]++;
                default -> {
                }
            }
        }
        return c;
    }

    /** Metres travelled between two samples dt seconds apart (see class comment). */
    static double segmentM(VehicleSample a, VehicleSample b, double dt) {
        if (a.speedMps() != null && b.speedMps() != null && dt <= INTEGRATION_GAP_S) {
            return (a.speedMps() + b.speedMps()) / 2 * dt;
        }
        if (dt > TRIP_GAP_S || !trusted(a.position()) || !trusted(b.position())) return 0;
        if (a.speedMps() != null && b.speedMps() != null && a.speedMps() < STANDSTILL_MPS && b.speedMps() < STANDSTILL_MPS) {
            return 0;
        }
        double m = Geo.distanceM(a.position().latitudeDeg(), a.position().longitudeDeg(),
                b.position().latitudeDeg(), b.position().longitudeDeg());
        return m / dt > MAX_PLAUSIBLE_MPS ? 0 : m;
    }

    private static boolean trusted(GnssFix p) {
        if (p == null) return false;
        if (p.hdop() != null && p.hdop() > MAX_HDOP) return false;
        return p.satellites() == null || p.satellites() >= MIN_SATELLITES;
    }

    /** Trips as [first index, last index] pairs over the points. */
    private static List<int[]> trips(List<VehicleSample> points, double[] segKm, double[] segS) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        int lastActive = -1;
        for (int i = 0; i < points.size(); i++) {
            VehicleSample p = points.get(i);
            boolean ignitionOff = Boolean.FALSE.equals(p.ignitionOn());
            boolean moving = p.speedMps() != null ? p.speedMps() >= MOVING_MPS
                    : i > 0 && segS[i - 1] > 0 && segKm[i - 1] * 1000 / segS[i - 1] >= MOVING_MPS;
            boolean active = Boolean.TRUE.equals(p.ignitionOn()) || moving;
            if (start >= 0) {
                double sinceActive = Duration.between(points.get(lastActive).time(), p.time()).toNanos() / 1e9;
                if (ignitionOff) {
                    out.add(new int[]{start, i});
                    start = -1;
                    continue;
                }
                if (sinceActive >= TRIP_GAP_S) {
                    if (lastActive > start) out.add(new int[]{start, lastActive});
                    start = -1;
                }
            }
            if (active) {
                if (start < 0) start = i;
                lastActive = i;
            }
        }
        if (start >= 0 && lastActive > start) out.add(new int[]{start, lastActive});
        return out;
    }
}
