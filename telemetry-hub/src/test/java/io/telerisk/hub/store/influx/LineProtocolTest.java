package io.telerisk.hub.store.influx;

import io.telerisk.hub.store.Traces;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.SleepStage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineProtocolTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00.000000123Z");

    @Test
    void writesSortedTagsSequenceAsIntegerFieldAndNanosecondTime() {
        StringBuilder sb = new StringBuilder();
        LineProtocol.append(sb, Traces.vehicle("acme", "car-1", 42, new VehicleSample(T, null, 13.5, null, null, null, false)));
        assertEquals("vehicle,device=car-1,tenant=acme,type=vehicle seq=42i,speedMps=13.5,ignitionOn=f 1772445600000000123\n",
                sb.toString());
    }

    @Test
    void escapesTagSeparatorsAndQuotesStrings() {
        StringBuilder sb = new StringBuilder();
        Envelope e = Envelope.events("a b,c=d", "car-1", DeviceType.VEHICLE, 1, T,
                List.of(new DeviceEvent("x y", T, Map.of(), Map.of("note", "say \"hi\" \\o/"), List.of())));
        LineProtocol.append(sb, e);
        assertEquals("events,device=car-1,event=x\\ y,tenant=a\\ b\\,c\\=d,type=vehicle seq=1i,measures=\"{}\","
                + "labels=\"{\\\"note\\\":\\\"say \\\\\\\"hi\\\\\\\" \\\\\\\\o/\\\"}\",window=\"\" 1772445600000000123\n", sb.toString());
    }

    @Test
    void wearableStringAndIntegerFields() {
        StringBuilder sb = new StringBuilder();
        LineProtocol.append(sb, Envelope.telemetry("acme", "w-1", DeviceType.WEARABLE, 3, T,
                List.of(new WearableSample(T, 61, null, SleepStage.REM, 97.25))));
        assertEquals("wearable,device=w-1,tenant=acme,type=wearable seq=3i,heartRateBpm=61i,sleepStage=\"rem\","
                + "spo2Percent=97.25 1772445600000000123\n", sb.toString());
    }

    @Test
    void refusesLineBreaksAndBackslashesInTags() {
        assertThrows(IllegalArgumentException.class, () -> LineProtocol.appendTagValue(new StringBuilder(), "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> LineProtocol.appendTagValue(new StringBuilder(), "a\\"));
        assertThrows(IllegalArgumentException.class, () -> LineProtocol.appendTagValue(new StringBuilder(), ""));
    }

    @Test
    void influxQlQuotesIdentifiersAndLiterals() {
        assertEquals("'it\\'s \\\\ fine'", InfluxQl.literal("it's \\ fine"));
        assertEquals("\"we\\\"ird\"", InfluxQl.ident("we\"ird"));
        assertThrows(IllegalArgumentException.class, () -> InfluxQl.literal("a\nb"));
        assertEquals("3600s", InfluxQl.duration(Duration.ofHours(1)));
        assertEquals("1500ms", InfluxQl.duration(Duration.ofMillis(1500)));
    }

    @Test
    void doublesAreWrittenShortestAndParseBackExactly() {
        assertEquals("12.0", format(12.0));
        assertEquals("-0.0", format(-0.0));
        assertEquals("0.0", format(0.0));
        assertEquals("4.9E-324", format(Double.MIN_VALUE));
        assertEquals("1.0E22", format(1e22));
        assertEquals("1.0E18", format(1e18));
        assertEquals("0.002", format(2e-3));
        assertEquals("48.20001", format(48.20001));
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        for (int i = 0; i < 200_000; i++) {
            // every bit pattern class: subnormals, huge and tiny exponents, integral values, decimal-looking values
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextLong(-2_000_000_000_000_000_000L, 2_000_000_000_000_000_000L);
                case 2 -> Math.round(random.nextDouble(-1e6, 1e6) * 1e5) / 1e5;
                default -> Double.longBitsToDouble(random.nextLong(0x0010_0000_0000_0000L)) * (random.nextBoolean() ? 1 : -1);
            };
            if (!Double.isFinite(d)) continue;
            String text = format(d);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), () -> d + " written as " + text);
        }
    }

    @Test
    void nonFiniteReadingsAreNotWritten() {
        StringBuilder sb = new StringBuilder();
        LineProtocol.append(sb, Traces.vehicle("acme", "car-1", 1, new VehicleSample(T, null, Double.NaN, Double.POSITIVE_INFINITY, null, 1.5, null)));
        assertEquals("vehicle,device=car-1,tenant=acme,type=vehicle seq=1i,odometerKm=1.5 1772445600000000123\n", sb.toString());
    }

    private static String format(double d) {
        StringBuilder sb = new StringBuilder();
        LineProtocol.appendDouble(sb, d);
        return sb.toString();
    }
}
