package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import io.telerisk.model.validation.EnvelopeValidator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/** Each handler of the chain alone. */
class HandlersTest {
    private static Pending pending(String topic, String contentType, byte[] payload, DeviceKey connectedAs) {
        return new Pending(new InboundMessage(topic, contentType, payload, connectedAs, null, "test", null, 0), Instant.now());
    }

    private static Pending decoded(Envelope e, Channel channel, DeviceKey connectedAs) {
        Pending p = pending(topic(e.key(), channel), JSON, json(e), connectedAs);
        p.topic = Topic.of(e.key(), channel);
        p.envelope = e;
        return p;
    }

    @Test
    void payloadSizeRejectsOversizedAndEmptyPayloads() {
        var h = new PayloadSizeHandler(1024);
        assertEquals(RejectReason.TOO_LARGE, h.handle(pending("t", null, new byte[1025], null)).reason());
        assertEquals(RejectReason.MALFORMED, h.handle(pending("t", null, new byte[0], null)).reason());
        assertNull(h.handle(pending("t", null, new byte[1024], null)));
    }

    @Test
    void topicAclAcceptsOwnTopicAndRejectsOthersCmdAndNonPlatformTopics() {
        var h = new TopicAclHandler();
        Pending own = pending(topic(CAR, Channel.TELEMETRY), null, new byte[1], CAR);
        assertNull(h.handle(own));
        assertEquals(Channel.TELEMETRY, own.topic.channel());
        assertEquals(RejectReason.NOT_AUTHORISED, h.handle(pending(topic(OTHER_CAR, Channel.TELEMETRY), null, new byte[1], CAR)).reason());
        assertEquals(RejectReason.NOT_AUTHORISED, h.handle(pending(topic(CAR, Channel.CMD), null, new byte[1], CAR)).reason());
        var bad = h.handle(pending("v1/acme/vehicle/car-1/telemetry/extra", null, new byte[1], CAR));
        assertEquals(RejectReason.NOT_AUTHORISED, bad.reason());
        assertTrue(bad.detail().contains("5 levels"), bad.detail());
        assertNull(h.handle(pending(topic(OTHER_CAR, Channel.EVENTS), null, new byte[1], null)), "broker-relayed: any device topic");
    }

    @Test
    void decodeSelectsCodecByContentTypeWithJsonAsDefault() {
        var h = new DecodeHandler(new CodecRegistry(List.of(Codecs.json(), Codecs.protobuf()), JSON));
        Envelope e = telemetry(CAR, 3, 2);
        Pending pb = pending(topic(CAR, Channel.TELEMETRY), "application/x-protobuf", protobuf(e), CAR);
        assertNull(h.handle(pb));
        assertEquals(3, pb.envelope.sequence());
        Pending none = pending(topic(CAR, Channel.TELEMETRY), null, json(e), CAR);
        assertNull(h.handle(none));
        assertEquals(JSON, none.contentType);
        Pending charset = pending(topic(CAR, Channel.TELEMETRY), "Application/JSON; charset=utf-8", json(e), CAR);
        assertNull(h.handle(charset), "parameters and case do not matter");
        assertEquals(RejectReason.UNSUPPORTED_CONTENT_TYPE, h.handle(pending("t", "text/plain", json(e), CAR)).reason());
        assertEquals(RejectReason.MALFORMED, h.handle(pending("t", PROTOBUF, json(e), CAR)).reason(), "JSON bytes declared as protobuf");
    }

    @Test
    void envelopeIdentityMustMatchTopicAndChannel() {
        var h = new EnvelopeIdentityHandler(new InMemoryDeviceRegistry().add(CAR, "x"));
        assertNull(h.handle(decoded(telemetry(CAR, 1, 1), Channel.TELEMETRY, CAR)));
        Pending mismatch = decoded(telemetry(OTHER_CAR, 1, 1), Channel.TELEMETRY, CAR);
        mismatch.topic = Topic.of(CAR, Channel.TELEMETRY);
        assertEquals(RejectReason.NOT_AUTHORISED, h.handle(mismatch).reason());
        assertEquals(RejectReason.MALFORMED, h.handle(decoded(event(CAR, 2), Channel.TELEMETRY, CAR)).reason());
        assertEquals(RejectReason.MALFORMED, h.handle(decoded(telemetry(CAR, 2, 1), Channel.EVENTS, CAR)).reason());
    }

    @Test
    void envelopeIdentityLooksUpBrokerRelayedDevicesAndKeepsRegistrationTime() {
        var h = new EnvelopeIdentityHandler(new InMemoryDeviceRegistry().add(CAR, "x"));
        Pending known = decoded(telemetry(CAR, 1, 1), Channel.TELEMETRY, null);
        assertNull(h.handle(known));
        assertEquals(InMemoryDeviceRegistry.REGISTERED_AT, known.registeredAt);
        assertEquals(RejectReason.UNKNOWN_DEVICE, h.handle(decoded(telemetry(OTHER_CAR, 1, 1), Channel.TELEMETRY, null)).reason());
        // a device an operator disabled or decommissioned: refused although the broker relayed it
        var registry = new InMemoryDeviceRegistry().add(CAR, "x").add(OTHER_CAR, "y");
        var checked = new EnvelopeIdentityHandler(registry);
        registry.state(CAR, io.telerisk.hub.registry.DeviceState.DISABLED).state(OTHER_CAR, io.telerisk.hub.registry.DeviceState.DECOMMISSIONED);
        var disabled = checked.handle(decoded(telemetry(CAR, 1, 1), Channel.TELEMETRY, null));
        assertEquals(RejectReason.NOT_AUTHORISED, disabled.reason());
        assertTrue(disabled.detail().contains("is disabled"), disabled.detail());
        assertEquals(RejectReason.NOT_AUTHORISED, checked.handle(decoded(telemetry(OTHER_CAR, 1, 1), Channel.TELEMETRY, null)).reason());
        registry.state(CAR, io.telerisk.hub.registry.DeviceState.ACTIVE);
        assertNull(checked.handle(decoded(telemetry(CAR, 2, 1), Channel.TELEMETRY, null)), "enabled again: accepted");
    }

    @Test
    void validationRejectsWhatTheModelValidatorRejects() {
        var h = new ValidationHandler(EnvelopeCheck.of(new EnvelopeValidator(), Clock.systemUTC()));
        assertNull(h.handle(decoded(telemetry(CAR, 1, 1), Channel.TELEMETRY, CAR)));
        Envelope future = Envelope.telemetry("acme", "car-1", DeviceType.VEHICLE, 2, Instant.now(),
                List.of(new io.telerisk.model.VehicleSample(Instant.now().plusSeconds(86_400), null, 10.0, null, null, null, null)));
        assertEquals(RejectReason.FUTURE_TIMESTAMP, h.handle(decoded(future, Channel.TELEMETRY, CAR)).reason());
        var throwing = new ValidationHandler((e, r) -> {
            throw new IllegalStateException("bug");
        });
        assertEquals(RejectReason.MALFORMED, throwing.handle(decoded(telemetry(CAR, 1, 1), Channel.TELEMETRY, CAR)).reason(),
                "a failing validator rejects the message instead of breaking the pipeline");
    }

    @Test
    void dedupMarksTheSecondEnvelopeWithTheSameSequence() {
        var h = new DedupHandler(new Deduplicator(1024, 100));
        Pending first = decoded(telemetry(CAR, 9, 1), Channel.TELEMETRY, CAR);
        Pending again = decoded(telemetry(CAR, 9, 1), Channel.TELEMETRY, CAR);
        assertNull(h.handle(first));
        assertNull(h.handle(again));
        assertFalse(first.duplicate);
        assertTrue(again.duplicate);
        assertEquals(0, again.points(), "a duplicate stores nothing");
    }

    @Test
    void codecRegistryRefusesADefaultWithoutCodec() {
        assertThrows(IllegalArgumentException.class, () -> new CodecRegistry(List.of(Codecs.protobuf()), JSON));
        assertTrue(new CodecRegistry(List.of(Codecs.json()), JSON).select("application/cbor").isEmpty());
        Decoded d = Codecs.json().decode(json(telemetry(CAR, 1, 1)));
        assertInstanceOf(Decoded.Ok.class, d);
    }

    @Test
    void statusHandlerParsesJsonAndBareWordsAndRejectsGarbage() {
        var h = new StatusHandler();
        Pending json = pending(topic(CAR, Channel.STATUS), JSON, "{\"v\":1,\"status\":\"offline\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), CAR);
        assertNull(h.handle(json));
        assertFalse(json.status.isOnline());
        Pending word = pending(topic(CAR, Channel.STATUS), null, " Online\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), CAR);
        assertNull(h.handle(word));
        assertTrue(word.status.isOnline());
        assertEquals(word.receivedAt, word.status.time(), "a bare word takes the receive time");
        assertEquals(RejectReason.MALFORMED, h.handle(pending(topic(CAR, Channel.STATUS), null, "maybe".getBytes(java.nio.charset.StandardCharsets.UTF_8), CAR)).reason());
    }
}
