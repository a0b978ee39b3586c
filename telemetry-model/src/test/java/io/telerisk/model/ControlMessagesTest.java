package io.telerisk.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlMessagesTest {
    private static final Instant T = Instant.parse("2026-05-01T08:00:00Z");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void statusRoundTripsAndMatchesTheDocumentedShape() {
        assertEquals("{\"v\":1,\"status\":\"online\",\"t\":\"2026-05-01T08:00:00Z\"}",
                new String(DeviceStatus.online(T).toJson(), StandardCharsets.UTF_8));
        assertEquals(DeviceStatus.offline(T), DeviceStatus.fromJson(DeviceStatus.offline(T).toJson()));
        DeviceStatus s = DeviceStatus.fromJson(utf8("{\"t\":\"2026-05-01T08:00:00Z\",\"status\":\"offline\",\"reason\":\"lost\"}"));
        assertEquals(DeviceStatus.offline(T), s);
    }

    @Test
    void statusParseAcceptsBareWordsFromMinimalDevicesWithTheReceiveTime() {
        Instant received = T.plusSeconds(9);
        assertEquals(DeviceStatus.online(received), DeviceStatus.parse(utf8("online"), received));
        assertEquals(DeviceStatus.offline(received), DeviceStatus.parse(utf8(" OFFLINE\n"), received));
        assertEquals(DeviceStatus.online(T), DeviceStatus.parse(DeviceStatus.online(T).toJson(), received));
        assertEquals(DeviceStatus.offline(received), DeviceStatus.parse(utf8("{\"status\":\"offline\"}"), received));
        assertMessage(() -> DeviceStatus.parse(utf8("gone"), received), "not valid JSON");
        assertMessage(() -> DeviceStatus.parse(utf8("{\"status\":\"on\"}"), received), "'on' is not online or offline");
    }

    @Test
    void statusRejectsBadInputWithAReason() {
        assertMessage(() -> DeviceStatus.fromJson(utf8("{\"v\":1,\"t\":\"2026-05-01T08:00:00Z\"}")), "'status' is missing");
        assertMessage(() -> DeviceStatus.fromJson(utf8("{\"status\":\"online\"}")), "'t' is missing");
        assertMessage(() -> DeviceStatus.fromJson(utf8("{\"status\":\"sleeping\",\"t\":\"2026-05-01T08:00:00Z\"}")), "'sleeping' is not online or offline");
        assertMessage(() -> DeviceStatus.fromJson(utf8("{\"status\":\"online\",\"t\":\"noon\"}")), "status.t 'noon'");
        assertMessage(() -> DeviceStatus.fromJson(utf8("{\"v\":2,\"status\":\"online\",\"t\":\"2026-05-01T08:00:00Z\"}")), "v=2");
        assertMessage(() -> DeviceStatus.fromJson(utf8("online")), "not valid JSON");
        assertMessage(() -> DeviceStatus.fromJson(new byte[100_000]), "limit");
        assertMessage(() -> DeviceStatus.fromJson(null), "null");
    }

    @Test
    void commandRoundTripsAndReadsScalarArgumentsAsText() {
        Command c = new Command("c-42", "set_sample_rate", Map.of("hz", "10", "axis", "all"));
        assertEquals(c, Command.fromJson(c.toJson()));
        assertEquals("{\"v\":1,\"id\":\"c-1\",\"name\":\"ping\"}", new String(Command.of("c-1", "ping").toJson(), StandardCharsets.UTF_8));
        Command parsed = Command.fromJson(utf8("{\"id\":\"c-9\",\"name\":\"loan_decision\",\"args\":{\"approved\":true,\"amount\":1500.5,\"ref\":\"L-1\",\"none\":null},\"extra\":[1]}"));
        assertEquals(Map.of("approved", "true", "amount", "1500.5", "ref", "L-1"), parsed.args());
    }

    @Test
    void commandCarriesStructuredDataBesideItsArgumentsCompactAndInOrder() {
        Command c = new Command("c-7", "loan_decision", Map.of("outcome", "APPROVE"), new java.util.LinkedHashMap<>(Map.of(
                "schedule", "[ {\"dueDate\": \"2026-10-15\", \"total\": \"520.00\"} ]")));
        assertEquals("[{\"dueDate\":\"2026-10-15\",\"total\":\"520.00\"}]", c.data().get("schedule"), "kept compact");
        assertEquals(c, Command.fromJson(c.toJson()));
        assertEquals("{\"v\":1,\"id\":\"c-7\",\"name\":\"loan_decision\",\"args\":{\"outcome\":\"APPROVE\"},"
                + "\"data\":{\"schedule\":[{\"dueDate\":\"2026-10-15\",\"total\":\"520.00\"}]}}", new String(c.toJson(), StandardCharsets.UTF_8));
        Command parsed = Command.fromJson(utf8("{\"id\":\"c-8\",\"name\":\"x\",\"data\":{\"factors\":[{\"code\":\"a\",\"points\":3,\"threshold\":null}],"
                + "\"b\":{\"k\":[1,2]},\"none\":null}}"));
        assertEquals(List.of("factors", "b"), List.copyOf(parsed.data().keySet()), "in the order sent");
        assertEquals("[{\"code\":\"a\",\"points\":3,\"threshold\":null}]", parsed.data().get("factors"), "types kept: a number stays a number");
        assertEquals(c.withId("c-7-officer").data(), c.data());
        assertEquals(Map.of(), Command.of("c-1", "ping").data());
    }

    @Test
    void commandRejectsBadInputWithAReason() {
        assertMessage(() -> Command.fromJson(utf8("{\"id\":\"1\",\"name\":\"x\",\"data\":[1]}")), "cmd.data must be an object");
        assertMessage(() -> Command.fromJson(utf8("{\"id\":\"1\",\"name\":\"x\",\"data\":{\"a\":\"text\"}}")), "cmd.data.a must be an array or an object");
        assertMessage(() -> new Command("1", "x", null, Map.of("a", "[1,")), "cmd.data.a: not valid JSON");
        assertMessage(() -> new Command("1", "x", null, Map.of("a", "[1] [2]")), "cmd.data.a: trailing content");
        assertMessage(() -> new Command("1", "x", null, Map.of("a", "7")), "cmd.data.a must be an array or an object");
        assertMessage(() -> Command.fromJson(utf8("{\"name\":\"x\"}")), "'id' is missing");
        assertMessage(() -> Command.fromJson(utf8("{\"id\":\"1\"}")), "'name' is missing");
        assertMessage(() -> Command.fromJson(utf8("{\"id\":\"1\",\"name\":\"x\",\"args\":[1]}")), "cmd.args must be an object");
        assertMessage(() -> Command.fromJson(utf8("{\"id\":\"1\",\"name\":\"x\",\"args\":{\"a\":{\"b\":1}}}")), "cmd.args.a");
        assertMessage(() -> Command.fromJson(utf8("{\"id\":7,\"name\":\"x\"}")), "cmd.id must be a string");
        assertMessage(() -> Command.fromJson(utf8("[" .repeat(10_000))), "");
        assertThrows(IllegalArgumentException.class, () -> new Command("", "x", null));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
