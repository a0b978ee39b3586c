package io.telerisk.sim.vehicle;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.Rng;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.sim.truth.TruthSink;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated vehicle with a telematics box (or phone app): daily trip routine, urban/rural/highway segments with
 * their speed limits, stops, curves, speeding episodes, harsh manoeuvres, GNSS noise and tunnel dropouts, rare
 * crashes with a half-sine crash pulse, and non-crash impulses (potholes, kerbs, door slams, dropped phones).
 *
 * <p>Kinematics step at 10 Hz; a 1 Hz sample carries GNSS, speed, heading, low-pass acceleration and odometer;
 * around every event an accelerometer burst at up to 100 Hz is added (timestamps offset by half a sample period
 * so they never collide with the 1 Hz samples). Acceleration is in the vehicle frame (x forward, y left, z up) and,
 * as docs/telemetry.md specifies, includes gravity as an accelerometer measures it: +1 g on z at rest, 0 in free fall.
 */
public final class VehicleSimulator implements DeviceSimulator {
    private static final long STEP_MS = 100;
    private static final double DT = STEP_MS / 1000.0;
    private static final double G = HalfSinePulse.G;
    private static final double M_PER_DEG_LAT = 111_320;

    private enum State { PARKED, PRE, DRIVING, POST }

    private enum Mode { CRUISE, STOPPING, STOPPED, HARSH_BRAKE, HARSH_ACCEL, FINAL_STOP, CRASH_STOP }

    private record Segment(RoadClass road, double lengthM, double tunnelFromM, double tunnelToM,
                           double episodeAtM, double episodeSeconds, double episodeFactor) {
    }


    private record ScheduledImpulse(ImpulseKind kind, long atMs) {
    }

    private static final class Burst {
        long fromMs;
        long toMs;
        final List<String> triggers = new ArrayList<>();
        double speedAtTriggerMps;
    }

    private final DeviceKey key;
    private final DriverProfile profile;
    private final VehicleConfig cfg;
    private final Rng rng;
    private final TruthSink truth;
    private final VehicleObserver observer;
    private final long endMs;

    private long tMs;
    private State state = State.PARKED;
    private boolean done;

    // daily plan
    private final ArrayDeque<Long> plannedStarts = new ArrayDeque<>();
    private LocalDate plannedThrough;
    /** The next trip's start, drawn already while parked reports come first (Long.MIN_VALUE: none drawn). */
    private long drawnStart = Long.MIN_VALUE;

    // vehicle state
    private double latDeg;
    private double lonDeg;
    private double altitudeM;
    private double headingRad;
    private double speedMps;
    private double odometerKm;
    private double axMps2;
    private double ayMps2;
    private double gnssErrN;
    private double gnssErrE;
    private double cruiseNoise;

    // trip state
    private List<Segment> segments;
    private int segIndex;
    private double segPosM;
    private long phaseUntilMs;
    private Mode mode = Mode.CRUISE;
    private long modeUntilMs;
    private double modeAccelMps2;
    private double turnRemainingRad;
    private double turnLateralMps2;
    private int turnSign;
    private boolean turnIsHarsh;
    private long episodeUntilMs = Long.MIN_VALUE;
    private double episodeFactor;
    private int episodeSegment = -1;
    private double crashAtTripM = -1;
    private boolean crashed;
    private double crashPulseEndMs;
    private boolean phoneDropPending;
    private double phoneDropAtTripM;
    private long tunnelFromMs = Long.MIN_VALUE;
    private long canyonUntilMs = Long.MIN_VALUE;
    private long canyonFromMs;
    private boolean wasNight;

    // trip accumulators for the truth line
    private long tripStartMs;
    private double tripM;
    private double tripNightM;
    private double tripSpeedingM;
    private double tripUrbanM;
    private double tripMaxSpeed;
    private int tripHarshBrakes;
    private int tripHarshAccels;
    private int tripHarshCorners;
    private long speedingFromMs = Long.MIN_VALUE;
    private double speedingMax;
    private boolean speedingByEpisode;

    // outputs
    // the last HISTORY 10 Hz kinematic steps, a ring buffer indexed by time (steps are exactly STEP_MS apart)
    private static final int HISTORY = 256;
    private final long[] histT = new long[HISTORY];
    private final double[] histAx = new double[HISTORY];
    private final double[] histAy = new double[HISTORY];
    private int histCount;
    private int histNext;
    private final List<Pulse> pulses = new ArrayList<>();
    private Burst pendingBurst;
    private final List<ScheduledImpulse> scheduled = new ArrayList<>();
    private long lastBurstEndMs = Long.MIN_VALUE;
    private final List<Sample> batchSamples = new ArrayList<>();
    private final List<DeviceEvent> batchEvents = new ArrayList<>();

    /**
     * @param key      the device
     * @param profile  the driver
     * @param cfg      simulation settings
     * @param seed     seed of this vehicle's random stream
     * @param start    simulated start
     * @param end      simulated end (exclusive)
     * @param truth    where ground truth goes
     * @param observer hidden-state observer (tests, labelling), or {@link VehicleObserver#NONE}
     */
    public VehicleSimulator(DeviceKey key, DriverProfile profile, VehicleConfig cfg, long seed, Instant start,
                            Instant end, TruthSink truth, VehicleObserver observer) {
        this.key = Objects.requireNonNull(key, "key");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.rng = new Rng(seed);
        this.truth = Objects.requireNonNull(truth, "truth");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.tMs = start.toEpochMilli();
        this.endMs = end.toEpochMilli();
        if (endMs <= tMs) throw new IllegalArgumentException("end must be after start");
        this.latDeg = profile.homeLatitudeDeg();
        this.lonDeg = profile.homeLongitudeDeg();
        this.altitudeM = rng.uniform(0, 400);
        this.odometerKm = Math.round(rng.uniform(3_000, 180_000));
        this.headingRad = rng.uniform(0, 2 * Math.PI);
        truth.record(TruthRecord.of("driver", key).num("latentRisk", profile.latentRisk(), 4)
                .put("style", profile.style()).num("cruiseFactor", profile.cruiseFactor(), 3)
                .num("speedingEpisodesPer100Km", profile.speedingEpisodesPer100Km(), 2)
                .num("harshEventsPer100Km", profile.harshEventsPer100Km(), 2)
                .num("nightTripProbabilityPerDay", profile.nightTripProbabilityPerDay(), 3)
                .num("crashProbabilityPerTrip", profile.crashProbabilityPerTrip(), 5)
                .num("homeLatitudeDeg", profile.homeLatitudeDeg(), 5).num("homeLongitudeDeg", profile.homeLongitudeDeg(), 5));
    }

    @Override
    public DeviceKey key() {
        return key;
    }

    public DriverProfile profile() {
        return profile;
    }

    @Override
    public Batch next() {
        while (!done) {
            if (state == State.PARKED) {
                long start = drawnStart != Long.MIN_VALUE ? drawnStart : nextTripStart();
                drawnStart = Long.MIN_VALUE;
                long report = parkedReportBefore(start);
                if (report != Long.MAX_VALUE) {
                    drawnStart = start;
                    tMs = report;
                    batchSamples.add(parkedSample());
                    return takeBatch();
                }
                if (start >= endMs) {
                    done = true;
                    break;
                }
                tMs = start;
                beginTrip();
            }
            long windowEnd = Math.min(tMs + cfg.batchSeconds() * 1000L, endMs);
            while (tMs < windowEnd && state != State.PARKED) {
                step();
            }
            if (state != State.PARKED && tMs >= endMs) {
                endTrip(true);
                done = true;
            }
            if (!batchSamples.isEmpty() || !batchEvents.isEmpty()) return takeBatch();
        }
        return batchSamples.isEmpty() && batchEvents.isEmpty() ? null : takeBatch();
    }

    private Batch takeBatch() {
        batchSamples.sort(Comparator.comparing(Sample::time));
        Batch b = new Batch(Instant.ofEpochMilli(tMs), batchSamples, batchEvents);
        batchSamples.clear();
        batchEvents.clear();
        return b;
    }

    /**
     * When a parked vehicle next reports where it stands (before the trip starting at {@code tripStart} and the end),
     * or Long.MAX_VALUE. tMs is the end of the last trip or report; the first report is due when reports begin.
     */
    private long parkedReportBefore(long tripStart) {
        if (!cfg.parkedReports()) return Long.MAX_VALUE;
        long due = Math.max(cfg.parkedReportsFrom().toEpochMilli(), tMs + Math.max(1000, cfg.parkedReportEvery().toMillis()));
        return due < tripStart && due < endMs ? due : Long.MAX_VALUE;
    }

    /** Where the parked vehicle stands: no GNSS noise drawn (the replayed data must not depend on when reports begin). */
    private VehicleSample parkedSample() {
        return new VehicleSample(Instant.ofEpochMilli(tMs), new GnssFix(round(latDeg, 7), round(lonDeg, 7), round(altitudeM, 1), 1.0, 9),
                0.0, null, new Acceleration(0, 0, round(G, 3)), round(odometerKm, 3), false);
    }

    // ---------------------------------------------------------------- daily routine

    private long nextTripStart() {
        while (true) {
            while (!plannedStarts.isEmpty()) {
                long s = plannedStarts.pollFirst();
                if (s >= tMs + 5 * 60_000L) return s;
            }
            LocalDate day = plannedThrough == null
                    ? Instant.ofEpochMilli(tMs).atZone(cfg.zone()).toLocalDate()
                    : plannedThrough.plusDays(1);
            plannedThrough = day;
            planDay(day);
            if (day.atStartOfDay(cfg.zone()).toInstant().toEpochMilli() > endMs) return Long.MAX_VALUE;
        }
    }

    private void planDay(LocalDate day) {
        List<Long> starts = new ArrayList<>();
        boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (profile.commuter() && weekday) {
            starts.add(at(day, 7.0 + clampH(rng.gaussian(0.5, 0.5), -0.5, 2)));
            starts.add(at(day, 17.0 + clampH(rng.gaussian(0.75, 0.75), -1, 3)));
        }
        int leisure = rng.poisson(profile.leisureTripsPerDay() * (weekday ? 1 : 1.5));
        for (int i = 0; i < leisure; i++) starts.add(at(day, rng.uniform(9, 21)));
        if (rng.chance(profile.nightTripProbabilityPerDay())) starts.add(at(day, rng.uniform(22, 28)));
        starts.sort(null);
        plannedStarts.addAll(starts);
    }

    private static double clampH(double h, double lo, double hi) {
        return Math.max(lo, Math.min(hi, h));
    }

    private long at(LocalDate day, double hours) {
        ZonedDateTime z = day.atStartOfDay(cfg.zone()).plusSeconds(Math.round(hours * 3600));
        return z.toInstant().toEpochMilli();
    }

    // ---------------------------------------------------------------- trip lifecycle

    private void beginTrip() {
        segments = planRoute();
        segIndex = 0;
        segPosM = 0;
        speedMps = 0;
        mode = Mode.CRUISE;
        crashed = false;
        tripStartMs = tMs;
        tripM = tripNightM = tripSpeedingM = tripUrbanM = tripMaxSpeed = 0;
        tripHarshBrakes = tripHarshAccels = tripHarshCorners = 0;
        episodeSegment = -1;
        episodeUntilMs = Long.MIN_VALUE;
        turnRemainingRad = 0;
        double homeDistM = distanceFromHomeM();
        headingRad = homeDistM > 15_000 ? bearingHomeRad() : rng.uniform(0, 2 * Math.PI);
        double total = segments.stream().mapToDouble(Segment::lengthM).sum();
        crashAtTripM = rng.chance(profile.crashProbabilityPerTrip()) ? rng.uniform(0.2, 0.9) * total : -1;
        phoneDropPending = rng.chance(0.02 * cfg.impulseRateMultiplier());
        phoneDropAtTripM = rng.uniform(-0.2, 1.0) * total;
        state = State.PRE;
        phaseUntilMs = tMs + 1000L * rng.uniformInt(5, 20);
        if (rng.chance(0.35 * cfg.impulseRateMultiplier())) {
            scheduleImpulse(ImpulseKind.DOOR_SLAM, tMs + 1000L + rng.uniformInt(0, (int) (phaseUntilMs - tMs - 2000)));
        }
        if (cfg.edgeEvents()) {
            batchEvents.add(new DeviceEvent(EventTypes.TRIP_START, Instant.ofEpochMilli(tMs),
                    Map.of("odometerKm", odometerKm), Map.of(), List.of()));
            reportRoadClass(segments.get(0).road());
        }
    }

    private List<Segment> planRoute() {
        boolean night = isNight(tMs);
        double kind = rng.uniform();
        List<RoadClass> roads = new ArrayList<>();
        List<Double> lengths = new ArrayList<>();
        if (kind < 0.4 || night && kind < 0.6) {
            roads.add(RoadClass.URBAN);
            lengths.add(rng.uniform(1500, 6000));
        } else if (kind < 0.75 || night) {
            roads.add(RoadClass.URBAN);
            lengths.add(rng.uniform(800, 3000));
            roads.add(RoadClass.RURAL);
            lengths.add(rng.uniform(3000, 15000));
            roads.add(RoadClass.URBAN);
            lengths.add(rng.uniform(500, 2000));
        } else {
            roads.add(RoadClass.URBAN);
            lengths.add(rng.uniform(800, 3000));
            roads.add(RoadClass.RURAL);
            lengths.add(rng.uniform(1000, 5000));
            roads.add(RoadClass.HIGHWAY);
            lengths.add(rng.uniform(5000, 40000));
            roads.add(RoadClass.RURAL);
            lengths.add(rng.uniform(1000, 5000));
            roads.add(RoadClass.URBAN);
            lengths.add(rng.uniform(500, 2000));
        }
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < roads.size(); i++) {
            RoadClass r = roads.get(i);
            double len = lengths.get(i);
            double tFrom = -1;
            double tTo = -1;
            if (r != RoadClass.URBAN && rng.chance(0.12)) {
                double tl = Math.min(rng.uniform(200, 1500), 0.3 * len);
                tFrom = rng.uniform(0.2, 0.6) * len;
                tTo = tFrom + tl;
            }
            double expected = profile.speedingEpisodesPer100Km() * len / 100_000;
            double epAt = -1;
            double epS = 0;
            double epF = 1;
            if (rng.chance(Math.min(0.9, expected))) {
                epAt = rng.uniform(0.1, 0.6) * len;
                epS = rng.uniform(20, 120);
                epF = Math.max(1.05, profile.speedingFactor() * rng.gaussian(1, 0.03));
            }
            out.add(new Segment(r, len, tFrom, tTo, epAt, epS, epF));
        }
        return out;
    }

    private void endTrip(boolean truncated) {
        closeSpeeding();
        closeDropouts();
        if (pendingBurst != null) emitBurst(true);
        if (!truncated) {
            batchSamples.add(new VehicleSample(Instant.ofEpochMilli(tMs), fix(), gnssOk() ? 0.0 : null,
                    gnssOk() ? headingDeg() : null, new Acceleration(0, 0, round(G, 3)), round(odometerKm, 3), false));
        }
        if (cfg.edgeEvents()) {
            batchEvents.add(new DeviceEvent(EventTypes.TRIP_END, Instant.ofEpochMilli(tMs),
                    Map.of("distanceKm", round(tripM / 1000, 3), "odometerKm", round(odometerKm, 3)), Map.of(), List.of()));
        }
        truth.record(TruthRecord.of("trip", key).time("start", Instant.ofEpochMilli(tripStartMs))
                .time("end", Instant.ofEpochMilli(tMs)).num("distanceKm", tripM / 1000, 4)
                .num("nightDistanceKm", tripNightM / 1000, 4).num("speedingDistanceKm", tripSpeedingM / 1000, 4)
                .num("urbanDistanceKm", tripUrbanM / 1000, 4).num("maxSpeedMps", tripMaxSpeed, 3)
                .put("harshBrakes", tripHarshBrakes).put("harshAccelerations", tripHarshAccels)
                .put("harshCorners", tripHarshCorners).put("crashed", crashed).put("truncated", truncated));
        state = State.PARKED;
        speedMps = 0;
        axMps2 = ayMps2 = 0;
        histCount = 0;
        pulses.clear();
        scheduled.clear();
    }

    // ---------------------------------------------------------------- one 100 ms step

    private void step() {
        if (tMs % 1000 == 0) emitOneHertz();
        switch (state) {
            case PRE -> {
                axMps2 = ayMps2 = 0;
                if (tMs + STEP_MS >= phaseUntilMs) state = State.DRIVING;
            }
            case DRIVING -> drive();
            case POST -> axMps2 = ayMps2 = 0;
            case PARKED -> { }
        }
        histT[histNext] = tMs;
        histAx[histNext] = axMps2;
        histAy[histNext] = ayMps2;
        histNext = (histNext + 1) % HISTORY;
        histCount = Math.min(histCount + 1, HISTORY);
        while (!scheduled.isEmpty() && scheduled.get(0).atMs() < tMs + STEP_MS) {
            ScheduledImpulse si = scheduled.remove(0);
            realizeImpulse(si.kind(), Math.max(si.atMs(), tMs));
        }
        tMs += STEP_MS;
        if (pendingBurst != null && tMs >= pendingBurst.toMs + STEP_MS) emitBurst(false);
        if (state == State.POST && tMs >= phaseUntilMs && pendingBurst == null && scheduled.isEmpty()) endTrip(false);
    }

    private void drive() {
        Segment seg = segments.get(segIndex);
        double limit = seg.road().limitMps();
        cruiseNoise += -cruiseNoise * DT / 20 + 0.01 * Math.sqrt(DT) * rng.gaussian();
        double cruise = Math.min(limit * profile.cruiseFactor() * (1 + cruiseNoise), 0.985 * limit);
        double target = cruise;
        // speeding episode (deliberate)
        if (episodeSegment != segIndex && seg.episodeAtM() >= 0 && segPosM >= seg.episodeAtM()) {
            episodeSegment = segIndex;
            episodeUntilMs = tMs + (long) (seg.episodeSeconds() * 1000);
            episodeFactor = seg.episodeFactor();
        }
        boolean inEpisode = episodeSegment == segIndex && tMs < episodeUntilMs;
        if (inEpisode) target = limit * episodeFactor;
        double remaining = seg.lengthM() - segPosM;
        boolean last = segIndex == segments.size() - 1;
        double comfortDecel = profile.comfortDecelMps2();
        double a;
        // anticipation: be below the next limit before the sign, and stop at the destination
        double anticipate = Double.NaN;
        if (!last) {
            Segment nextSeg = segments.get(segIndex + 1);
            double nextTarget = nextSeg.road().limitMps() * profile.cruiseFactor() * 0.97;
            if (speedMps > nextTarget) {
                double d = (speedMps * speedMps - nextTarget * nextTarget) / (2 * 0.8 * comfortDecel) + 25;
                if (remaining <= d) anticipate = nextTarget;
            }
        } else if (mode != Mode.FINAL_STOP && mode != Mode.CRASH_STOP) {
            double d = speedMps * speedMps / (2 * 0.8 * comfortDecel) + 5;
            if (remaining <= d) mode = Mode.FINAL_STOP;
        }
        switch (mode) {
            case STOPPING, FINAL_STOP -> {
                a = -0.8 * comfortDecel;
                if (speedMps + a * DT <= 0) {
                    a = -speedMps / DT;
                    if (mode == Mode.FINAL_STOP) {
                        arrive(false);
                    } else {
                        mode = Mode.STOPPED;
                        modeUntilMs = tMs + 1000L * rng.uniformInt(5, 40);
                    }
                }
            }
            case STOPPED -> {
                a = 0;
                if (tMs >= modeUntilMs) launchFromStop();
            }
            case HARSH_BRAKE -> {
                a = modeAccelMps2;
                if (tMs >= modeUntilMs || speedMps < 2) mode = Mode.CRUISE;
            }
            case HARSH_ACCEL -> {
                a = modeAccelMps2;
                if (tMs >= modeUntilMs || speedMps >= target) mode = Mode.CRUISE;
            }
            case CRASH_STOP -> {
                // the vehicle coasts through the impact; post-crash braking starts once the pulse is over
                a = tMs < crashPulseEndMs + 2 * STEP_MS ? 0 : -6;
                if (speedMps + a * DT <= 0) {
                    a = -speedMps / DT;
                    arrive(true);
                }
            }
            default -> {
                if (!Double.isNaN(anticipate)) {
                    a = speedMps > anticipate ? -0.8 * comfortDecel : 0;
                } else {
                    a = Math.max(-comfortDecel, Math.min(profile.comfortAccelMps2(), 0.8 * (target - speedMps)));
                }
            }
        }
        double v0 = speedMps;
        speedMps = Math.max(0, speedMps + a * DT);
        double ds = (v0 + speedMps) / 2 * DT;
        axMps2 = a;
        // turning
        double yawRate = 0;
        if (turnRemainingRad > 0 && speedMps > 0.5) {
            yawRate = Math.min(turnLateralMps2 / Math.max(speedMps, 2.5), 0.6);
            turnRemainingRad -= yawRate * DT;
            headingRad += -turnSign * yawRate * DT;
            if (turnRemainingRad <= 0) turnIsHarsh = false;
        }
        ayMps2 = speedMps * yawRate * turnSign;
        advancePosition(ds);
        accumulate(seg, ds, inEpisode);
        segPosM += ds;
        if (!last && segPosM >= seg.lengthM()) {
            segPosM -= seg.lengthM();
            segIndex++;
            if (cfg.edgeEvents() && segments.get(segIndex).road() != seg.road()) reportRoadClass(segments.get(segIndex).road());
        }
        if (mode == Mode.CRUISE && state == State.DRIVING) maybeTrigger(seg, ds);
        if (state == State.DRIVING) maybeCrash();
        tunnelCheck(seg);
    }

    /** The road class from now on, as a map-matching edge unit reports it (the hub's urban/rural/motorway km). */
    private void reportRoadClass(RoadClass road) {
        batchEvents.add(new DeviceEvent(EventTypes.ROAD_CLASS, Instant.ofEpochMilli(tMs), Map.of(),
                Map.of(io.telerisk.model.RoadClass.LABEL, road.wireName()), List.of()));
    }

    private void arrive(boolean afterCrash) {
        mode = Mode.CRUISE;
        state = State.POST;
        phaseUntilMs = tMs + STEP_MS + 1000L * (afterCrash ? rng.uniformInt(90, 180) : rng.uniformInt(5, 30));
        if (!afterCrash && rng.chance(0.03 * cfg.impulseRateMultiplier())) {
            scheduleImpulse(ImpulseKind.KERB_STRIKE, tMs);
        }
        if (rng.chance(0.35 * cfg.impulseRateMultiplier())) {
            scheduleImpulse(ImpulseKind.DOOR_SLAM, phaseUntilMs - 1000L * rng.uniformInt(2, 4));
        }
        if (phoneDropPending && phoneDropAtTripM > tripM) {
            phoneDropPending = false;
            scheduleImpulse(ImpulseKind.PHONE_DROP, tMs + 1000);
        }
    }

    private void launchFromStop() {
        mode = Mode.CRUISE;
        if (rng.chance(0.5)) startTurn(rng.uniform(1.5, 2.5), rng.chance(0.5) ? 1 : -1, Math.PI / 2, false);
        if (rng.chance(profile.harshLaunchProbability())) {
            mode = Mode.HARSH_ACCEL;
            modeAccelMps2 = rng.uniform(3.2, 4.5);
            modeUntilMs = tMs + (long) (rng.uniform(2, 3) * 1000);
            tripHarshAccels++;
            harshEvent(EventTypes.HARSH_ACCELERATION, modeAccelMps2, (modeUntilMs - tMs) / 1000.0);
        }
    }

    private void startTurn(double lateralMps2, int sign, double angleRad, boolean harsh) {
        turnLateralMps2 = lateralMps2;
        turnSign = sign;
        turnRemainingRad = angleRad;
        turnIsHarsh = harsh;
    }

    private void maybeTrigger(Segment seg, double ds) {
        double harshP = profile.harshEventsPer100Km() * ds / 100_000;
        if (speedMps > 8 && rng.chance(harshP)) {
            if (rng.chance(0.6)) {
                mode = Mode.HARSH_BRAKE;
                modeAccelMps2 = -rng.uniform(4.0, 7.0);
                modeUntilMs = tMs + (long) (rng.uniform(1.0, 2.5) * 1000);
                tripHarshBrakes++;
                harshEvent(EventTypes.HARSH_BRAKING, -modeAccelMps2, (modeUntilMs - tMs) / 1000.0);
            } else if (turnRemainingRad <= 0) {
                double lat = rng.uniform(4.5, 6.5);
                startTurn(lat, rng.chance(0.5) ? 1 : -1, rng.uniform(0.7, 1.6), true);
                tripHarshCorners++;
                harshEvent(EventTypes.HARSH_CORNERING, lat, turnRemainingRad * Math.max(speedMps, 2.5) / lat);
            }
            return;
        }
        switch (seg.road()) {
            case URBAN -> {
                if (speedMps > 5 && rng.chance(ds / 400)) mode = Mode.STOPPING;
                if (rng.chance(ds / 3000 * cfg.impulseRateMultiplier())) realizeImpulse(ImpulseKind.POTHOLE, tMs);
            }
            case RURAL -> {
                if (turnRemainingRad <= 0 && rng.chance(ds / 1500)) {
                    startTurn(rng.uniform(1.0, 2.5), rng.chance(0.5) ? 1 : -1, Math.toRadians(rng.uniform(15, 60)), false);
                }
                if (rng.chance(ds / 5000 * cfg.impulseRateMultiplier())) realizeImpulse(ImpulseKind.POTHOLE, tMs);
            }
            case HIGHWAY -> {
                if (turnRemainingRad <= 0 && rng.chance(ds / 4000)) {
                    startTurn(rng.uniform(0.5, 1.5), rng.chance(0.5) ? 1 : -1, Math.toRadians(rng.uniform(10, 40)), false);
                }
                if (rng.chance(ds / 20000 * cfg.impulseRateMultiplier())) realizeImpulse(ImpulseKind.POTHOLE, tMs);
            }
        }
        if (phoneDropPending && tripM >= phoneDropAtTripM) {
            phoneDropPending = false;
            realizeImpulse(ImpulseKind.PHONE_DROP, tMs);
        }
    }

    private void harshEvent(String type, double magnitudeMps2, double durationS) {
        Instant at = Instant.ofEpochMilli(tMs);
        truth.record(TruthRecord.of("harsh_event", key).put("kind", type).time("time", at)
                .num("magnitudeMps2", magnitudeMps2, 3).num("durationS", durationS, 2).num("speedMps", speedMps, 2));
        addToBurst(type, tMs);
        if (cfg.edgeEvents()) {
            String measure = type.equals(EventTypes.HARSH_CORNERING) ? "peakLateralMps2"
                    : type.equals(EventTypes.HARSH_BRAKING) ? "peakDecelMps2" : "peakAccelMps2";
            batchEvents.add(new DeviceEvent(type, at, Map.of(measure, round(magnitudeMps2, 2),
                    "speedMps", round(speedMps, 2), "durationS", round(durationS, 2)), Map.of(), List.of()));
        }
    }

    // ---------------------------------------------------------------- crashes and impulses

    private void maybeCrash() {
        if (crashAtTripM < 0 || crashed || tripM < crashAtTripM || speedMps < 6) return;
        crashed = true;
        double r = rng.uniform();
        String config;
        double thetaDeg;
        double maxDv;
        if (r < 0.55) {
            config = "frontal";
            thetaDeg = rng.gaussian(0, 15);
            maxDv = Math.min(speedMps, 25);
        } else if (r < 0.85) {
            config = "side";
            thetaDeg = (rng.chance(0.5) ? 90 : -90) + rng.gaussian(0, 15);
            maxDv = 15;
        } else {
            config = "rear";
            thetaDeg = 180 + rng.gaussian(0, 12);
            maxDv = 15;
        }
        double durationS = rng.uniform(0.06, 0.15);
        double dvLo = Math.max(3.5, 2 * 10 * G * durationS / Math.PI);
        // 48 g rather than 50: sensor noise on top must stay inside the hub's 50 g plausibility bound
        double dvHi = Math.min(maxDv, 2 * 48 * G * durationS / Math.PI);
        double dv;
        if (dvHi <= dvLo) {
            // slow impact: keep the 10 g minimum by shortening the pulse
            dv = Math.max(3.5, Math.min(maxDv, dvLo));
            durationS = Math.PI * dv / (2 * 10 * G);
        } else {
            dv = rng.uniform(dvLo, dvHi);
        }
        double th = Math.toRadians(thetaDeg);
        double startMs = tMs + rng.uniformInt(0, 90);
        HalfSinePulse pulse = HalfSinePulse.ofDeltaV(startMs, durationS, dv, -Math.cos(th), -Math.sin(th), 0);
        pulses.add(pulse);
        crashPulseEndMs = pulse.endEpochMs();
        double vx = speedMps - dv * Math.cos(th);
        double vy = -dv * Math.sin(th);
        double before = speedMps;
        speedMps = Math.hypot(vx, vy);
        mode = Mode.CRASH_STOP;
        turnRemainingRad = 0;
        double norm = ((thetaDeg % 360) + 540) % 360 - 180;
        Instant at = Instant.ofEpochMilli((long) startMs);
        truth.record(TruthRecord.of("crash", key).time("time", at).put("configuration", config)
                .num("deltaVMps", dv, 4).num("pulseDurationMs", durationS * 1000, 2)
                .num("peakMps2", pulse.peakMps2(), 3).num("peakG", pulse.peakMps2() / G, 3)
                .num("directionDeg", norm, 2).num("speedBeforeMps", before, 3).num("speedAfterMps", speedMps, 3)
                .num("latitudeDeg", latDeg, 6).num("longitudeDeg", lonDeg, 6));
        addToBurst("crash", (long) startMs);
    }

    /** Schedules an impulse at a later time of this trip (realised when the simulation gets there). */
    private void scheduleImpulse(ImpulseKind kind, long atMs) {
        scheduled.add(new ScheduledImpulse(kind, atMs));
        scheduled.sort(Comparator.comparingLong(ScheduledImpulse::atMs));
    }

    private void realizeImpulse(ImpulseKind kind, long atMs) {
        double peak;
        double dur;
        List<Pulse> ps = new ArrayList<>();
        switch (kind) {
            case POTHOLE -> {
                peak = rng.uniform(3, 8) * G;
                dur = rng.uniform(0.015, 0.040);
                double n = Math.hypot(0.3, 0.95);
                ps.add(new HalfSinePulse(atMs, dur, peak, -0.3 / n, 0, 0.95 / n));
                ps.add(new HalfSinePulse(atMs + dur * 1000, dur * 1.3, peak * 0.6, 0, 0, -1));
            }
            case KERB_STRIKE -> {
                peak = rng.uniform(3, 10) * G;
                dur = rng.uniform(0.020, 0.060);
                double side = rng.chance(0.5) ? 1 : -1;
                double n = Math.hypot(0.9, 0.45);
                ps.add(new HalfSinePulse(atMs, dur, peak, 0, side * 0.9 / n, 0.45 / n));
            }
            case DOOR_SLAM -> {
                peak = rng.uniform(2, 6) * G;
                dur = rng.uniform(0.008, 0.025);
                double side = rng.chance(0.5) ? 1 : -1;
                double n = Math.hypot(0.95, 0.3);
                ps.add(new HalfSinePulse(atMs, dur, peak, 0.3 / n, side * 0.95 / n, 0));
            }
            case PHONE_DROP -> {
                double fall = rng.uniform(0.25, 0.45);
                ps.add(new BoxPulse(atMs, fall, G, 0, 0, -1));
                peak = rng.uniform(10, 40) * G;
                dur = rng.uniform(0.003, 0.010);
                double az = rng.uniform(0, 2 * Math.PI);
                double el = rng.uniform(0.3, 1.2);
                ps.add(new HalfSinePulse(atMs + fall * 1000, dur, peak, Math.cos(el) * Math.cos(az),
                        Math.cos(el) * Math.sin(az), Math.sin(el)));
            }
            default -> throw new IllegalStateException();
        }
        pulses.addAll(ps);
        truth.record(TruthRecord.of("impulse", key).put("kind", kind.wireName()).time("time", Instant.ofEpochMilli(atMs))
                .num("peakMps2", peak, 3).num("peakG", peak / G, 3).num("durationMs", dur * 1000, 2)
                .put("moving", speedMps > 0.5).num("speedMps", speedMps, 2));
        addToBurst(kind.wireName(), atMs);
    }

    // ---------------------------------------------------------------- bursts

    private int burstPeriodMs() {
        return 1000 / cfg.burstHz();
    }

    private void addToBurst(String trigger, long atMs) {
        long pre = (long) (cfg.burstPreSeconds() * 1000);
        long post = (long) (cfg.burstPostSeconds() * 1000);
        if (pendingBurst != null && atMs - pre <= pendingBurst.toMs && atMs + post - pendingBurst.fromMs <= 10_000) {
            pendingBurst.toMs = Math.max(pendingBurst.toMs, atMs + post);
            pendingBurst.triggers.add(trigger);
            return;
        }
        if (pendingBurst != null) emitBurst(true);
        Burst b = new Burst();
        int p = burstPeriodMs();
        long from = Math.max(atMs - pre, lastBurstEndMs + p);
        b.fromMs = Math.floorDiv(from, p) * p;
        b.toMs = atMs + post;
        b.triggers.add(trigger);
        b.speedAtTriggerMps = speedMps;
        pendingBurst = b;
    }

    /** Composes the pending burst from the 10 Hz kinematic history, the pulses and sensor noise. */
    private void emitBurst(boolean truncate) {
        Burst b = pendingBurst;
        pendingBurst = null;
        int p = burstPeriodMs();
        long to = truncate ? Math.min(b.toMs, tMs) : b.toMs;
        List<Sample> window = new ArrayList<>();
        double vib = 0.05 + 0.02 * speedMps;
        double peak = 0;
        for (long c = b.fromMs; c < to; c += p) {
            double centre = c + p / 2.0;
            double ax = kinAt(centre, true);
            double ay = kinAt(centre, false);
            double az = 0;
            for (Pulse pulse : pulses) {
                double m = pulse.meanOver(c, c + p);
                if (m != 0) {
                    ax += m * pulse.ux();
                    ay += m * pulse.uy();
                    az += m * pulse.uz();
                }
            }
            ax += rng.gaussian(0, vib);
            ay += rng.gaussian(0, vib);
            az += rng.gaussian(0, 1.5 * vib);
            // dynamic peak (without gravity) decides the crash candidate; the sample carries gravity on z
            peak = Math.max(peak, Math.sqrt(ax * ax + ay * ay + az * az));
            Acceleration acc = new Acceleration(round(ax, 3), round(ay, 3), round(G + az, 3));
            // timestamps at the cell centre: never on a whole second, so never on a 1 Hz sample
            window.add(VehicleSample.acceleration(Instant.ofEpochMilli(c).plusNanos(p * 500_000L), acc));
        }
        lastBurstEndMs = to;
        batchSamples.addAll(window);
        pulses.removeIf(pl -> pl.endEpochMs() < to - 5000);
        TruthRecord tr = TruthRecord.of("burst", key).time("from", Instant.ofEpochMilli(b.fromMs))
                .time("to", Instant.ofEpochMilli(to)).put("samples", window.size()).put("hz", cfg.burstHz())
                .put("triggers", new ArrayList<Object>(b.triggers)).num("peakMps2", peak, 3);
        truth.record(tr);
        if (cfg.edgeEvents() && peak >= cfg.crashCandidateThresholdG() * G && !window.isEmpty()) {
            Map<String, Double> m = new HashMap<>();
            m.put("peakAccelerationMps2", round(peak, 3));
            m.put("speedMps", round(b.speedAtTriggerMps, 2));
            batchEvents.add(new DeviceEvent(EventTypes.CRASH_CANDIDATE, window.get(0).time(), m,
                    Map.of("trigger", "accel_threshold"), window));
        }
    }

    /** Kinematic acceleration at a time, linearly interpolated between the centres of the 10 Hz steps. */
    private double kinAt(double ms, boolean longitudinal) {
        if (histCount == 0) return 0;
        int oldest = (histNext - histCount + HISTORY) % HISTORY;
        double[] v = longitudinal ? histAx : histAy;
        double pos = (ms - (histT[oldest] + STEP_MS / 2.0)) / STEP_MS; // steps after the oldest centre
        if (pos <= 0) return v[oldest];
        if (pos >= histCount - 1) return v[(oldest + histCount - 1) % HISTORY];
        int i = (int) pos;
        double f = pos - i;
        double a = v[(oldest + i) % HISTORY];
        double b = v[(oldest + i + 1) % HISTORY];
        return a + (b - a) * f;
    }

    // ---------------------------------------------------------------- 1 Hz sample, GNSS, accounting

    private void emitOneHertz() {
        double phi = Math.exp(-1.0 / 30);
        double s = 2.5 * Math.sqrt(1 - phi * phi);
        gnssErrN = phi * gnssErrN + rng.gaussian(0, s);
        gnssErrE = phi * gnssErrE + rng.gaussian(0, s);
        if (state == State.DRIVING && tunnelFromMs == Long.MIN_VALUE && canyonUntilMs < tMs
                && segments.get(segIndex).road() == RoadClass.URBAN && rng.chance(0.003)) {
            canyonFromMs = tMs;
            canyonUntilMs = tMs + 1000L * rng.uniformInt(3, 12);
        }
        if (canyonUntilMs != Long.MIN_VALUE && tMs >= canyonUntilMs) {
            recordDropout(canyonFromMs, canyonUntilMs, "urban_canyon");
            canyonUntilMs = Long.MIN_VALUE;
        }
        boolean ok = gnssOk();
        Double reported = ok ? round(Math.max(0, speedMps + rng.gaussian(0, 0.15)), 2) : null;
        Acceleration acc = new Acceleration(round(axMps2 + rng.gaussian(0, 0.08), 3),
                round(ayMps2 + rng.gaussian(0, 0.08), 3), round(G + rng.gaussian(0, 0.12), 3));
        batchSamples.add(new VehicleSample(Instant.ofEpochMilli(tMs), ok ? fix() : null, reported,
                ok ? headingDeg() : null, acc, round(odometerKm, 3), true));
        if (state == State.DRIVING) {
            observer.tick(Instant.ofEpochMilli(tMs), segments.get(segIndex).road(), speedMps, reported);
        }
        wasNight = isNight(tMs);
    }

    private boolean gnssOk() {
        return tunnelFromMs == Long.MIN_VALUE && (canyonUntilMs == Long.MIN_VALUE || tMs >= canyonUntilMs);
    }

    private GnssFix fix() {
        double lat = latDeg + gnssErrN / M_PER_DEG_LAT;
        double lon = lonDeg + gnssErrE / (M_PER_DEG_LAT * Math.cos(Math.toRadians(latDeg)));
        double hdop = round(0.8 + Math.abs(rng.gaussian(0, 0.3)), 1);
        return new GnssFix(round(lat, 7), round(lon, 7), round(altitudeM + rng.gaussian(0, 3), 1), hdop,
                rng.uniformInt(7, 14));
    }

    private double headingDeg() {
        double d = Math.toDegrees(headingRad) % 360;
        return round(d < 0 ? d + 360 : d, 1);
    }

    private void tunnelCheck(Segment seg) {
        boolean inTunnel = seg.tunnelFromM() >= 0 && segPosM >= seg.tunnelFromM() && segPosM < seg.tunnelToM();
        if (inTunnel && tunnelFromMs == Long.MIN_VALUE) {
            tunnelFromMs = tMs + STEP_MS;
        } else if (!inTunnel && tunnelFromMs != Long.MIN_VALUE) {
            recordDropout(tunnelFromMs, tMs + STEP_MS, "tunnel");
            tunnelFromMs = Long.MIN_VALUE;
        }
    }

    private void closeDropouts() {
        if (tunnelFromMs != Long.MIN_VALUE) {
            recordDropout(tunnelFromMs, tMs, "tunnel");
            tunnelFromMs = Long.MIN_VALUE;
        }
        if (canyonUntilMs != Long.MIN_VALUE) {
            recordDropout(canyonFromMs, Math.min(canyonUntilMs, tMs), "urban_canyon");
            canyonUntilMs = Long.MIN_VALUE;
        }
    }

    private void recordDropout(long fromMs, long toMs, String cause) {
        truth.record(TruthRecord.of("gnss_dropout", key).time("from", Instant.ofEpochMilli(fromMs))
                .time("to", Instant.ofEpochMilli(toMs)).put("cause", cause));
    }

    private void accumulate(Segment seg, double ds, boolean inEpisode) {
        tripM += ds;
        odometerKm += ds / 1000;
        if (wasNight) tripNightM += ds;
        if (seg.road() == RoadClass.URBAN) tripUrbanM += ds;
        tripMaxSpeed = Math.max(tripMaxSpeed, speedMps);
        double limit = seg.road().limitMps();
        if (speedMps > limit) {
            tripSpeedingM += ds;
            if (speedingFromMs == Long.MIN_VALUE) {
                speedingFromMs = tMs;
                speedingMax = 0;
                speedingByEpisode = inEpisode;
            }
            speedingMax = Math.max(speedingMax, speedMps);
            speedingLimit = limit;
            speedingRoad = seg.road();
        } else {
            closeSpeeding();
        }
    }

    private double speedingLimit;
    private RoadClass speedingRoad;

    private void closeSpeeding() {
        if (speedingFromMs == Long.MIN_VALUE) return;
        truth.record(TruthRecord.of("speeding", key).time("from", Instant.ofEpochMilli(speedingFromMs))
                .time("to", Instant.ofEpochMilli(tMs + STEP_MS)).put("roadClass", speedingRoad.name().toLowerCase(java.util.Locale.ROOT))
                .num("limitMps", speedingLimit, 3).num("maxSpeedMps", speedingMax, 3)
                .put("cause", speedingByEpisode ? "episode" : "transition"));
        speedingFromMs = Long.MIN_VALUE;
    }

    private void advancePosition(double ds) {
        double dn = ds * Math.cos(headingRad);
        double de = ds * Math.sin(headingRad);
        latDeg += dn / M_PER_DEG_LAT;
        lonDeg += de / (M_PER_DEG_LAT * Math.cos(Math.toRadians(latDeg)));
        altitudeM = Math.max(0, altitudeM + ds * 0.01 * Math.sin(tripM / 3000));
    }

    private double distanceFromHomeM() {
        double dn = (latDeg - profile.homeLatitudeDeg()) * M_PER_DEG_LAT;
        double de = (lonDeg - profile.homeLongitudeDeg()) * M_PER_DEG_LAT * Math.cos(Math.toRadians(latDeg));
        return Math.hypot(dn, de);
    }

    private double bearingHomeRad() {
        double dn = (profile.homeLatitudeDeg() - latDeg) * M_PER_DEG_LAT;
        double de = (profile.homeLongitudeDeg() - lonDeg) * M_PER_DEG_LAT * Math.cos(Math.toRadians(latDeg));
        return Math.atan2(de, dn);
    }

    private boolean isNight(long ms) {
        int h = Instant.ofEpochMilli(ms).atZone(cfg.zone()).getHour();
        return h >= 22 || h < 5;
    }

    static double round(double x, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(x * f) / f;
    }
}
