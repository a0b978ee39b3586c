package io.telerisk.model.topic;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicTest {
    @Test
    void rendersAndParsesEveryTypeAndChannel() {
        for (DeviceType type : DeviceType.values()) {
            for (Channel channel : Channel.values()) {
                Topic t = new Topic("acme-eu.1", type, "dev_00.A-9", channel);
                String s = t.render();
                assertEquals("v1/acme-eu.1/" + type.wireName() + "/dev_00.A-9/" + channel.wireName(), s);
                assertEquals(t, Topic.parse(s));
                assertEquals(new DeviceKey("acme-eu.1", type, "dev_00.A-9"), Topic.parse(s).deviceKey());
            }
        }
        assertEquals("v1/acme/farm-sensor/p1/status", Topic.of(new DeviceKey("acme", DeviceType.FARM_SENSOR, "p1"), Channel.STATUS).toString());
        assertEquals("v1/+/+/+/telemetry", Topic.filterAll(Channel.TELEMETRY));
    }

    @Test
    void acceptsSegmentsOfOneAndSixtyFourCharacters() {
        assertEquals("a", Topic.parse("v1/a/vehicle/" + "d".repeat(64) + "/events").tenant());
        assertTrue(Topic.isValidSegment("x".repeat(64)));
    }

    @Test
    void refusesHostileSegmentsWhenBuilding() {
        for (String bad : List.of("", "+", "#", "a+b", "a#", "a/b", "../x", "x".repeat(65), "tenant ", " ", "é", "日本",
                "a\u0000b", "a\nb", "$SYS", "a*b")) {
            assertFalse(Topic.isValidSegment(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> new Topic(bad, DeviceType.VEHICLE, "d", Channel.TELEMETRY), bad);
            assertThrows(IllegalArgumentException.class, () -> new Topic("t", DeviceType.VEHICLE, bad, Channel.TELEMETRY), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new Topic(null, DeviceType.VEHICLE, "d", Channel.TELEMETRY));
        assertThrows(NullPointerException.class, () -> new Topic("t", null, "d", Channel.TELEMETRY));
    }

    @Test
    void refusesHostileTopicStringsWithAReason() {
        String[] bad = {
                "v1/acme/vehicle/+/telemetry", "v1/acme/vehicle/#", "v1/+/+/+/telemetry", "v1/acme/vehicle/d/telemetry/extra",
                "v1/acme/vehicle/../telemetry/x", "v1/acme/vehicle//telemetry", "v1//vehicle/d/telemetry", "v2/acme/vehicle/d/telemetry",
                "V1/acme/vehicle/d/telemetry", "v1/acme/truck/d/telemetry", "v1/acme/vehicle/d/Telemetry", "v1/acme/vehicle/d/debug",
                "/v1/acme/vehicle/d/telemetry", "v1/acme/vehicle/d/telemetry/", "v1/acme/vehicle/dévice/telemetry",
                "v1/" + "t".repeat(65) + "/vehicle/d/telemetry", "", "v1", "v1/acme/vehicle/d\u0000/telemetry", "$SYS/broker/load"};
        for (String s : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topic.parse(s), s);
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(IllegalArgumentException.class, () -> Topic.parse(null));
    }

    @Test
    void dotsAloneAreLegalSegmentCharactersButCannotAddLevels() {
        // ".." is harmless in MQTT (no path resolution) and stays inside one level
        Topic t = Topic.parse("v1/../vehicle/../telemetry");
        assertEquals("..", t.tenant());
        assertEquals(5, t.render().split("/").length);
    }

    @Test
    void parsesDeviceTypeCaseInsensitivelyButRendersLowerCase() {
        assertEquals("v1/a/vehicle/d/cmd", Topic.parse("v1/a/VEHICLE/d/cmd").render());
    }
}
