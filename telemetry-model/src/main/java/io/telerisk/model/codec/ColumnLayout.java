package io.telerisk.model.codec;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.time.Instant;

/**
 * The fixed-point columns of one device type in the protobuf SampleBlock (see telerisk/telemetry.proto):
 * field numbers, scales and the mapping between a sample and its row of integers.
 */
abstract class ColumnLayout {
    final DeviceType type;
    final int fieldBase;
    final String[] names;
    final double[] scales;

    private ColumnLayout(DeviceType type, int fieldBase, String[] names, double[] scales) {
        this.type = type;
        this.fieldBase = fieldBase;
        this.names = names;
        this.scales = scales;
    }

    int columns() {
        return names.length;
    }

    static ColumnLayout of(DeviceType type) {
        return switch (type) {
            case VEHICLE -> VEHICLE;
            case WEARABLE -> WEARABLE;
            case FARM_SENSOR -> FARM;
        };
    }

    /** The layout owning a field number in 16..63, or null. */
    static ColumnLayout owningField(int field) {
        for (ColumnLayout l : new ColumnLayout[]{VEHICLE, WEARABLE, FARM}) {
            if (field >= l.fieldBase && field < l.fieldBase + 16) return l;
        }
        return null;
    }

    /**
     * Fills {@code row} with the sample's fixed-point values and returns its presence mask.
     *
     * @throws IllegalArgumentException when a value is NaN, infinite or too large for the column
     */
    abstract int toRow(Sample s, long[] row);

    /** Rebuilds a sample; {@code array} and {@code index} name it in rejections. */
    abstract Sample fromRow(Instant t, int mask, long[] row, String array, int index);

    /** A sample's path in rejection details, built only on failure. */
    static String p(String array, int index) {
        return array + "[" + index + "]";
    }

    final long q(int column, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(names[column] + " is " + v + ": not representable in protobuf");
        }
        double x = v * scales[column];
        if (Math.abs(x) > 0x1p52) {
            throw new IllegalArgumentException(names[column] + " " + v + " is too large for its fixed-point column");
        }
        return Math.round(x);
    }

    final double d(int column, long[] row) {
        return row[column] / scales[column];
    }

    final Double opt(int column, int mask, long[] row) {
        return (mask & 1 << column) != 0 ? d(column, row) : null;
    }

    final Integer optInt(int column, int mask, long[] row, String array, int index) {
        if ((mask & 1 << column) == 0) return null;
        long v = row[column];
        if (v != (int) v) throw new DecodeFailure(RejectReason.MALFORMED, p(array, index) + "." + names[column] + " " + v + " does not fit in 32 bits");
        return (int) v;
    }

    static boolean has(int mask, int column) {
        return (mask & 1 << column) != 0;
    }

    static final int AX = 0, AY = 1, AZ = 2, LAT = 3, LON = 4, SPEED = 5, HEADING = 6, ALT = 7, HDOP = 8, SATS = 9,
            ODOMETER = 10, IGNITION = 11;

    static final ColumnLayout VEHICLE = new ColumnLayout(DeviceType.VEHICLE, 16,
            new String[]{"axMps2", "ayMps2", "azMps2", "lat", "lon", "speedMps", "headingDeg", "altM", "hdop", "sats",
                    "odometerKm", "ignition"},
            new double[]{1000, 1000, 1000, 1e7, 1e7, 1000, 100, 100, 100, 1, 1000, 1}) {
        @Override
        int toRow(Sample s, long[] row) {
            VehicleSample v = (VehicleSample) s;
            int mask = 0;
            Acceleration a = v.acceleration();
            if (a != null) {
                row[AX] = q(AX, a.xMps2());
                row[AY] = q(AY, a.yMps2());
                row[AZ] = q(AZ, a.zMps2());
                mask |= 0b111;
            }
            GnssFix p = v.position();
            if (p != null) {
                row[LAT] = q(LAT, p.latitudeDeg());
                row[LON] = q(LON, p.longitudeDeg());
                mask |= 1 << LAT | 1 << LON;
                if (p.altitudeM() != null) { row[ALT] = q(ALT, p.altitudeM()); mask |= 1 << ALT; }
                if (p.hdop() != null) { row[HDOP] = q(HDOP, p.hdop()); mask |= 1 << HDOP; }
                if (p.satellites() != null) { row[SATS] = p.satellites(); mask |= 1 << SATS; }
            }
            if (v.speedMps() != null) { row[SPEED] = q(SPEED, v.speedMps()); mask |= 1 << SPEED; }
            if (v.headingDeg() != null) { row[HEADING] = q(HEADING, v.headingDeg()); mask |= 1 << HEADING; }
            if (v.odometerKm() != null) { row[ODOMETER] = q(ODOMETER, v.odometerKm()); mask |= 1 << ODOMETER; }
            if (v.ignitionOn() != null) { row[IGNITION] = v.ignitionOn() ? 1 : 0; mask |= 1 << IGNITION; }
            return mask;
        }

        @Override
        Sample fromRow(Instant t, int mask, long[] row, String array, int index) {
            Acceleration a = null;
            if ((mask & 0b111) != 0) {
                if ((mask & 0b111) != 0b111) {
                    throw new DecodeFailure(RejectReason.MISSING_FIELD, p(array, index) + ": acceleration needs axMps2, ayMps2 and azMps2 together");
                }
                a = new Acceleration(d(AX, row), d(AY, row), d(AZ, row));
            }
            GnssFix fix = null;
            int fixBits = 1 << LAT | 1 << LON | 1 << ALT | 1 << HDOP | 1 << SATS;
            if ((mask & fixBits) != 0) {
                if (!has(mask, LAT) || !has(mask, LON)) {
                    throw new DecodeFailure(RejectReason.MISSING_FIELD, p(array, index) + ": a GNSS fix needs lat and lon");
                }
                fix = new GnssFix(d(LAT, row), d(LON, row), opt(ALT, mask, row), opt(HDOP, mask, row),
                        optInt(SATS, mask, row, array, index));
            }
            Boolean ignition = null;
            if (has(mask, IGNITION)) {
                long i = row[IGNITION];
                if (i != 0 && i != 1) throw new DecodeFailure(RejectReason.MALFORMED, p(array, index) + ".ignition " + i + " is not 0 or 1");
                ignition = i == 1;
            }
            return new VehicleSample(t, fix, opt(SPEED, mask, row), opt(HEADING, mask, row), a,
                    opt(ODOMETER, mask, row), ignition);
        }
    };

    static final ColumnLayout WEARABLE = new ColumnLayout(DeviceType.WEARABLE, 32,
            new String[]{"heartRateBpm", "steps", "sleepStage", "spo2Percent"}, new double[]{1, 1, 1, 100}) {
        @Override
        int toRow(Sample s, long[] row) {
            WearableSample w = (WearableSample) s;
            int mask = 0;
            if (w.heartRateBpm() != null) { row[0] = w.heartRateBpm(); mask |= 1; }
            if (w.steps() != null) { row[1] = w.steps(); mask |= 2; }
            if (w.sleepStage() != null) { row[2] = w.sleepStage().ordinal(); mask |= 4; }
            if (w.spo2Percent() != null) { row[3] = q(3, w.spo2Percent()); mask |= 8; }
            return mask;
        }

        @Override
        Sample fromRow(Instant t, int mask, long[] row, String array, int index) {
            SleepStage stage = null;
            if (has(mask, 2)) {
                long v = row[2];
                if (v < 0 || v >= SleepStage.values().length) {
                    throw new DecodeFailure(RejectReason.MALFORMED, p(array, index) + ".sleepStage " + v + " is not 0..3");
                }
                stage = SleepStage.values()[(int) v];
            }
            return new WearableSample(t, optInt(0, mask, row, array, index), optInt(1, mask, row, array, index), stage, opt(3, mask, row));
        }
    };

    static final ColumnLayout FARM = new ColumnLayout(DeviceType.FARM_SENSOR, 48,
            new String[]{"soilMoistureVwc", "soilTemperatureC", "airTemperatureC", "relativeHumidityPercent",
                    "rainfallMm", "leafWetnessPercent"}, new double[]{1e4, 100, 100, 100, 100, 100}) {
        @Override
        int toRow(Sample s, long[] row) {
            FarmSample f = (FarmSample) s;
            Double[] v = {f.soilMoistureVwc(), f.soilTemperatureC(), f.airTemperatureC(), f.relativeHumidityPercent(),
                    f.rainfallMm(), f.leafWetnessPercent()};
            int mask = 0;
            for (int c = 0; c < v.length; c++) {
                if (v[c] != null) {
                    row[c] = q(c, v[c]);
                    mask |= 1 << c;
                }
            }
            return mask;
        }

        @Override
        Sample fromRow(Instant t, int mask, long[] row, String array, int index) {
            return new FarmSample(t, opt(0, mask, row), opt(1, mask, row), opt(2, mask, row), opt(3, mask, row),
                    opt(4, mask, row), opt(5, mask, row));
        }
    };
}
