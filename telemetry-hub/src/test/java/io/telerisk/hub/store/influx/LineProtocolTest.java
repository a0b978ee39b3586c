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
}
