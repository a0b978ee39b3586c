package io.telerisk.sim.farm;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.FarmSample;
import io.telerisk.model.Sample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.Rng;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.sim.truth.TruthSink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A simulated in-field sensor station: soil moisture and temperature, air temperature, humidity, rain gauge and
 * leaf wetness.
 *
 * <p>Weather is drawn day by day: a seasonal temperature curve for the latitude with an AR(1) anomaly, wet days
 * from a two-state Markov chain with exponential rain amounts falling in one storm. The root-zone soil water
 * balance (FAO-56 bucket, 300 mm root zone) takes rain, loses crop evapotranspiration ETc = Kc · Ks · ET0 with ET0
 * from Hargreaves and Kc from the field's NDVI curve, and drains anything above field capacity, so the volumetric
 * water content stays between wilting point and field capacity.
 */
public final class FarmSimulator implements DeviceSimulator {
    private static final double ROOT_ZONE_MM = 300;
    private static final double DEPLETION_FRACTION = 0.5;

    private record DayWeather(LocalDate date, double tMinC, double tMaxC, double rainMm, double rainStartH,
                              double rainHours, double dewDepressionC) {
        double rainRateMmPerH() {
            return rainHours <= 0 ? 0 : rainMm / rainHours;
        }
    }

    private final DeviceKey key;
    private final FarmField field;
    private final Rng rng;
    private final TruthSink truth;
    private final ZoneId zone;
    private final long endMs;
    private final int sampleMinutes;
    private final int batchMinutes;
    private long tMs;
    private boolean done;

    private DayWeather yesterday;
    private DayWeather today;
    private DayWeather tomorrow;
    private double anomalyC;
    private boolean lastWet;
    private double storageMm;
    private double leafWetness;
    private double soilTempSmooth;
    private double rainCarryMm;
    private boolean soilTempInit;

    // per-day truth accumulators
    private double dayRain;
    private double dayEt0;
    private double dayEtc;
    private double dayVwcSum;
    private double dayVwcMin;
    private double dayAirMin;
    private double dayAirMax;
    private int dayN;
    private double dayStressH;
    private double dayLeafWetH;

    public FarmSimulator(DeviceKey key, FarmField field, long seed, Instant start, Instant end, ZoneId zone,
                         int sampleMinutes, int batchMinutes, TruthSink truth) {
        this.key = Objects.requireNonNull(key, "key");
        this.field = Objects.requireNonNull(field, "field");
        this.rng = new Rng(seed);
        this.truth = Objects.requireNonNull(truth, "truth");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (sampleMinutes < 1 || batchMinutes < sampleMinutes) throw new IllegalArgumentException("bad sample/batch minutes");
        this.sampleMinutes = sampleMinutes;
        this.batchMinutes = batchMinutes;
        long step = sampleMinutes * 60_000L;
        this.tMs = Math.floorDiv(start.toEpochMilli() + step - 1, step) * step;
        this.endMs = end.toEpochMilli();
        SoilType s = field.soil();
        this.storageMm = ROOT_ZONE_MM * (s.wiltingPointVwc() + (s.fieldCapacityVwc() - s.wiltingPointVwc()) * rng.uniform(0.4, 0.9));
        truth.record(TruthRecord.of("field", key).put("crop", field.crop()).put("soil", field.soil().name().toLowerCase(java.util.Locale.ROOT))
                .num("latitudeDeg", field.latitudeDeg(), 6).num("longitudeDeg", field.longitudeDeg(), 6)
                .num("areaHa", field.areaHa(), 1).num("wiltingPointVwc", s.wiltingPointVwc(), 3)
                .num("fieldCapacityVwc", s.fieldCapacityVwc(), 3).num("baseNdvi", field.baseNdvi(), 4)
                .num("peakNdvi", field.peakNdvi(), 4).num("greenUpDoy", field.greenUpDoy(), 2)
                .num("senescenceDoy", field.senescenceDoy(), 2).num("greenUpRate", field.greenUpRate(), 4)
                .num("senescenceRate", field.senescenceRate(), 4));
    }

    @Override
    public DeviceKey key() {
        return key;
    }

    public FarmField field() {
        return field;
    }

    /** Current true volumetric water content (for tests and labelling). */
    public double trueSoilMoistureVwc() {
        return storageMm / ROOT_ZONE_MM;
    }

    @Override
    public Batch next() {
        if (done) return null;
        if (tMs >= endMs) {
            closeDay();
            done = true;
            return null;
        }
        long windowEnd = Math.min(tMs + batchMinutes * 60_000L, endMs);
        List<Sample> samples = new ArrayList<>();
        while (tMs < windowEnd) {
            samples.add(step());
            tMs += sampleMinutes * 60_000L;
        }
        return new Batch(Instant.ofEpochMilli(tMs), samples, List.of());
    }

    private FarmSample step() {
        ZonedDateTime z = Instant.ofEpochMilli(tMs).atZone(zone);
        LocalDate d = z.toLocalDate();
        if (today == null || !d.equals(today.date())) rollDay(d);
        double h = z.getHour() + z.getMinute() / 60.0;
        double dtH = sampleMinutes / 60.0;
        double air = airTemperature(h);
        // rain falling in [h, h + dt)
        double overlap = Math.max(0, Math.min(h + dtH, today.rainStartH() + today.rainHours()) - Math.max(h, today.rainStartH()));
        double rain = today.rainRateMmPerH() * overlap;
        boolean raining = rain > 0;
        // humidity from dew point (Magnus); saturated while raining
        double dew = Math.min(air, today.tMinC() - today.dewDepressionC());
        double rh = raining ? rng.uniform(94, 100) : 100 * satVap(dew) / satVap(air);
        rh = Math.max(15, Math.min(100, rh + rng.gaussian(0, 1.5)));
        // soil water balance
        LocalDate date = d;
        double et0Day = Hargreaves.et0MmPerDay(field.latitudeDeg(), date.getDayOfYear(), today.tMinC(), today.tMaxC());
        double weight = h >= 6 && h < 18 ? Math.sin(Math.PI * (h + dtH / 2 - 6) / 12) * dtH / (24 / Math.PI) : 0;
        double et0 = et0Day * weight;
        SoilType soil = field.soil();
        double swp = soil.wiltingPointVwc() * ROOT_ZONE_MM;
        double sfc = soil.fieldCapacityVwc() * ROOT_ZONE_MM;
        storageMm = Math.min(sfc, storageMm + rain); // anything above field capacity drains or runs off
        double ks = Math.min(1, (storageMm - swp) / ((1 - DEPLETION_FRACTION) * (sfc - swp)));
        double etc = field.cropCoefficient(date) * Math.max(0, ks) * et0;
        storageMm = Math.max(swp + (storageMm - swp) * 0.5, storageMm - etc);
        double vwc = storageMm / ROOT_ZONE_MM;
        // leaf wetness: wet in rain and dew, dries with a time constant that shortens when warm
        if (raining) leafWetness = rng.uniform(90, 100);
        else if (rh >= 90) leafWetness = Math.min(100, leafWetness + 25 * dtH * 4 * (rh - 88) / 12);
        else leafWetness *= Math.exp(-dtH / Math.max(0.3, 1.2 - 0.03 * air));
        // soil temperature at 10 cm: smoothed daily mean plus a damped, lagged daily wave
        double meanAir = (today.tMinC() + today.tMaxC()) / 2;
        if (!soilTempInit) {
            soilTempSmooth = meanAir;
            soilTempInit = true;
        }
        soilTempSmooth += (meanAir - soilTempSmooth) * dtH / 72;
        double soilT = soilTempSmooth + 1 + 0.3 * (today.tMaxC() - today.tMinC()) / 2 * Math.sin(2 * Math.PI * (h - 12) / 24);
        // sensors
        rainCarryMm += rain;
        double reportedRain = Math.floor(rainCarryMm / 0.2) * 0.2; // tipping bucket, 0.2 mm per tip
        rainCarryMm -= reportedRain;
        double reportedVwc = round(vwc + rng.gaussian(0, 0.003), 3);
        // truth accumulators
        dayRain += rain;
        dayEt0 += et0;
        dayEtc += etc;
        dayVwcSum += vwc;
        dayVwcMin = Math.min(dayVwcMin, vwc);
        dayAirMin = Math.min(dayAirMin, air);
        dayAirMax = Math.max(dayAirMax, air);
        dayN++;
        if (ks < 0.5) dayStressH += dtH;
        if (leafWetness >= 50) dayLeafWetH += dtH;
        return new FarmSample(Instant.ofEpochMilli(tMs), reportedVwc, round(soilT + rng.gaussian(0, 0.1), 2),
                round(air + rng.gaussian(0, 0.15), 2), round(rh, 1), round(reportedRain, 1), round(leafWetness, 1));
    }

    private double airTemperature(double h) {
        // minimum at 06:00, maximum at 15:00; night cools from today's maximum towards tomorrow's minimum
        if (h < 6) {
            double x = (h + 9) / 15;
            return yesterday.tMaxC() - (yesterday.tMaxC() - today.tMinC()) * (1 - Math.cos(Math.PI * x)) / 2;
        }
        if (h < 15) {
            return today.tMinC() + (today.tMaxC() - today.tMinC()) * (1 - Math.cos(Math.PI * (h - 6) / 9)) / 2;
        }
        double x = (h - 15) / 15;
        return today.tMaxC() - (today.tMaxC() - tomorrow.tMinC()) * (1 - Math.cos(Math.PI * x)) / 2;
    }

    private static double satVap(double tC) {
        return 0.6108 * Math.exp(17.27 * tC / (tC + 237.3));
    }

    private void rollDay(LocalDate d) {
        closeDay();
        if (today == null) {
            yesterday = drawDay(d.minusDays(1));
            today = drawDay(d);
            tomorrow = drawDay(d.plusDays(1));
        } else {
            yesterday = today;
            today = tomorrow != null && tomorrow.date().equals(d) ? tomorrow : drawDay(d);
            tomorrow = drawDay(d.plusDays(1));
        }
        dayRain = dayEt0 = dayEtc = dayVwcSum = dayStressH = dayLeafWetH = 0;
        dayVwcMin = Double.MAX_VALUE;
        dayAirMin = Double.MAX_VALUE;
        dayAirMax = -Double.MAX_VALUE;
        dayN = 0;
    }

    private DayWeather drawDay(LocalDate d) {
        double lat = field.latitudeDeg();
        double absLat = Math.abs(lat);
        double annual = 28 - 0.35 * absLat;
        double amplitude = 2 + 0.2 * absLat;
        double peakDoy = lat >= 0 ? 200 : 17;
        double seasonal = annual + amplitude * Math.cos(2 * Math.PI * (d.getDayOfYear() - peakDoy) / 365.25);
        anomalyC = 0.7 * anomalyC + rng.gaussian(0, 2.0);
        double pWet = lastWet ? 0.55 : 0.22;
        boolean wet = rng.chance(pWet);
        lastWet = wet;
        double rain = wet ? rng.exponential(7) : 0;
        double hours = wet ? rng.uniform(1, 8) : 0;
        double start = wet ? rng.uniform(0, 24 - hours) : 0;
        double range = Math.max(3, rng.gaussian(wet ? 6 : 11, 2));
        double mean = seasonal + anomalyC - (wet ? 1 : 0);
        return new DayWeather(d, mean - range / 2, mean + range / 2, rain, start, hours,
                wet ? rng.uniform(0, 1) : rng.uniform(1, 5));
    }

    private void closeDay() {
        if (today == null || dayN == 0) return;
        truth.record(TruthRecord.of("farm_day", key).put("day", today.date().toString())
                .num("rainfallMm", dayRain, 2).num("minAirTemperatureC", dayAirMin, 2)
                .num("maxAirTemperatureC", dayAirMax, 2).num("meanSoilMoistureVwc", dayVwcSum / dayN, 4)
                .num("minSoilMoistureVwc", dayVwcMin, 4).num("et0Mm", dayEt0, 3).num("etcMm", dayEtc, 3)
                .num("ndvi", field.ndvi(today.date()), 4).num("waterStressHours", dayStressH, 2)
                .num("leafWetHours", dayLeafWetH, 2).put("samples", dayN));
        dayN = 0;
    }

    private static double round(double x, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(x * f) / f;
    }
}
