package io.telerisk.sim.faults;

import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.validation.EnvelopeValidator;
import io.telerisk.sim.fleet.DeviceAction;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.sim.vehicle.VehicleConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {
    private final Fleet fleet = Fleet.builder().seed(99).vehicles(8).wearables(3).farms(3).duration(Duration.ofHours(36))
            .vehicleConfig(VehicleConfig.defaults().withCrashRateMultiplier(300).withImpulseRateMultiplier(3)).build();
    private final FaultConfig faults = FaultConfig.parse("dup=0.1,reorder=0.08,offline=0.03,malformed=0.15");

    @Test
    void everyInjectedFaultIsInTheGroundTruthAndTheHubValidatorAgrees() {
        InMemoryTruth truth = new InMemoryTruth();
        EnvelopeValidator validator = new EnvelopeValidator();
        Instant hubNow = fleet.end().plus(Duration.ofMinutes(1));
        int malformedChecked = 0, duplicatesChecked = 0, reorderChecked = 0, offline = 0, valid = 0;
        for (DeviceStream s : fleet.streams(Codecs.json(), faults, truth)) {
            String id = s.key().deviceId();
            Map<Long, byte[]> validBySeq = new HashMap<>();
            List<Long> sendOrder = new ArrayList<>();
            TreeSet<Long> seqs = new TreeSet<>();
            for (DeviceAction a = s.next(); a != null; a = s.next()) {
                if (a instanceof DeviceAction.GoOffline g) {
                    assertTrue(g.until().isAfter(g.readyAt()));
                    offline++;
                    continue;
                }
                DeviceAction.Publish p = (DeviceAction.Publish) a;
                Decoded d = validator.validate(Codecs.json().decode(p.payload()), hubNow, fleet.start());
                switch (p.kind()) {
                    case VALID -> {
                        assertInstanceOf(Decoded.Ok.class, d, () -> id + " seq " + p.sequence() + " valid envelope rejected: " + d);
                        assertTrue(seqs.add(p.sequence()), "sequence used once");
                        validBySeq.put(p.sequence(), p.payload());
                        sendOrder.add(p.sequence());
                        valid++;
                    }
                    case DUPLICATE -> {
                        assertArrayEquals(validBySeq.get(p.sequence()), p.payload(), "a duplicate repeats the same bytes");
                        duplicatesChecked++;
                    }
                    case MALFORMED -> {
                        assertTrue(seqs.add(p.sequence()), "malformed consumes its own sequence number");
                        Decoded.Rejected rej = assertInstanceOf(Decoded.Rejected.class, d, () -> "malformed accepted: " + new String(p.payload()));
                        assertEquals(p.expectedRejection(), rej.reason(), () -> "reason for " + new String(p.payload()) + ": " + rej.detail());
                        TruthRecord t = truth.ofType("fault").stream().filter(r -> r.getString("deviceId").equals(id)
                                && r.getString("fault").equals("malformed") && r.getLong("sequence") == p.sequence()).findFirst().orElseThrow();
                        assertEquals(rej.reason().name(), t.getString("reason"), "ground truth names the rejection");
                        malformedChecked++;
                    }
                }
            }
            assertEquals(s.lastSequence(), seqs.size(), "every sequence number 1..last used exactly once");
            if (!seqs.isEmpty()) assertEquals(1L, seqs.first());
            for (TruthRecord r : truth.ofType("fault")) {
                if (!r.getString("deviceId").equals(id) || !r.getString("fault").equals("reorder")) continue;
                long seq = r.getLong("sequence");
                int pos = sendOrder.indexOf(seq);
                long overtaken = sendOrder.subList(0, pos).stream().filter(x -> x > seq).count();
                assertTrue(overtaken >= 1, "reordered seq " + seq + " was overtaken, order " + sendOrder);
                reorderChecked++;
            }
        }
        assertEquals(truth.ofType("offline_gap").size(), offline, "offline gaps recorded");
        long dupTruth = truth.ofType("fault").stream().filter(r -> r.getString("fault").equals("duplicate")).count();
        assertEquals(dupTruth, duplicatesChecked);
        assertTrue(malformedChecked > 20 && duplicatesChecked > 20 && reorderChecked > 10 && offline > 5,
                "faults exercised: malformed " + malformedChecked + ", dup " + duplicatesChecked + ", reorder " + reorderChecked + ", offline " + offline);
        assertTrue(valid > 500);
        for (MalformedKind k : MalformedKind.values()) {
            assertTrue(truth.ofType("fault").stream().anyMatch(r -> k.wireName().equals(r.getString("kind"))), "kind " + k + " injected");
        }
    }

    @Test
    void faultSpecificationRejectsNonsenseWithAReason() {
        FaultConfig f = FaultConfig.parse("dup=0.01, reorder=0.02,offline=0.003,malformed=0.004,offlineMax=2h");
        assertEquals(0.01, f.duplicate());
        assertEquals(0.004, f.malformed());
        assertEquals(Duration.ofHours(2), f.maxOffline());
        assertEquals(FaultConfig.NONE, FaultConfig.parse("none"));
        var e1 = assertThrows(IllegalArgumentException.class, () -> FaultConfig.parse("dup=1.5"));
        assertTrue(e1.getMessage().contains("dup"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> FaultConfig.parse("explode=0.1"));
        assertTrue(e2.getMessage().contains("unknown fault 'explode'"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> FaultConfig.parse("dup=lots"));
        assertTrue(e3.getMessage().contains("not a number"), e3.getMessage());
        assertEquals(Duration.ofMinutes(90), FaultConfig.parseDuration("90m"));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.parseDuration("10x"));
    }

    @Test
    void garbageIsNeverValidJson() {
        var rng = new io.telerisk.sim.Rng(1);
        for (int i = 0; i < 100; i++) {
            byte[] b = MalformedFactory.build(MalformedKind.GARBAGE, null, Codecs.json(), rng).payload();
            assertInstanceOf(Decoded.Rejected.class, Codecs.json().decode(b), Arrays.toString(b));
            assertInstanceOf(Decoded.Rejected.class, Codecs.protobuf().decode(b), Arrays.toString(b));
        }
    }

    @Test
    void malformedProtobufMessagesAreRejectedAsRecorded() {
        InMemoryTruth truth = new InMemoryTruth();
        EnvelopeValidator validator = new EnvelopeValidator();
        Instant hubNow = fleet.end().plus(Duration.ofMinutes(1));
        int bad = 0, good = 0;
        for (DeviceStream s : fleet.streams(Codecs.protobuf(), faults, truth)) {
            for (DeviceAction a = s.next(); a != null; a = s.next()) {
                if (!(a instanceof DeviceAction.Publish p)) continue;
                Decoded d = validator.validate(Codecs.protobuf().decode(p.payload()), hubNow, fleet.start());
                if (p.kind() == DeviceAction.Kind.MALFORMED) {
                    Decoded.Rejected rej = assertInstanceOf(Decoded.Rejected.class, d);
                    assertEquals(p.expectedRejection(), rej.reason(), rej.detail());
                    bad++;
                } else {
                    assertInstanceOf(Decoded.Ok.class, d, () -> "valid protobuf rejected: " + d);
                    good++;
                }
            }
        }
        assertTrue(bad > 20 && good > 500, bad + " bad, " + good + " good");
        // NaN and wrong types cannot be written in protobuf: the truth says what was really sent instead
        assertTrue(truth.ofType("fault").stream().noneMatch(r -> "nan".equals(r.getString("kind")) || "wrong_type".equals(r.getString("kind"))));
    }
}
