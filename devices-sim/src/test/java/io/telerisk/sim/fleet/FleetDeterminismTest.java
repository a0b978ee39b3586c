package io.telerisk.sim.fleet;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.sim.truth.TruthRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetDeterminismTest {
    private static final FaultConfig FAULTS = FaultConfig.parse("dup=0.05,reorder=0.05,offline=0.02,malformed=0.05");

    private static Fleet fleet(long seed) {
        return Fleet.builder().seed(seed).vehicles(6).wearables(4).farms(4).tenant("acme")
                .duration(Duration.ofHours(30)).build();
    }

    /** SHA-256 over every action of every device (topics, sequence numbers, payload bytes) and the ground truth. */
    private static String digest(Fleet fleet, FaultConfig faults) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        InMemoryTruth truth = new InMemoryTruth();
        long messages = 0;
        for (DeviceStream s : fleet.streams(Codecs.json(), faults, truth)) {
            for (DeviceAction a = s.next(); a != null; a = s.next()) {
                if (a instanceof DeviceAction.Publish p) {
                    md.update((p.topic() + "|" + p.sequence() + "|" + p.kind() + "|" + p.readyAt() + "|").getBytes(StandardCharsets.UTF_8));
                    md.update(p.payload());
                    messages++;
                } else if (a instanceof DeviceAction.GoOffline g) {
                    md.update(("offline|" + g.readyAt() + "|" + g.until()).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        for (TruthRecord r : truth.records()) md.update(r.toJson().getBytes(StandardCharsets.UTF_8));
        assertTrue(messages > 500, "enough messages to mean something: " + messages);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void sameSeedGivesIdenticalOutputHash() throws Exception {
        assertEquals(digest(fleet(42), FAULTS), digest(fleet(42), FAULTS));
    }

    @Test
    void differentSeedGivesDifferentOutput() throws Exception {
        assertNotEquals(digest(fleet(42), FAULTS), digest(fleet(43), FAULTS));
    }

    @Test
    void injectingFaultsDoesNotChangeTheGeneratedTelemetry() {
        List<String> clean = validSamples(fleet(7), FaultConfig.NONE);
        List<String> faulty = validSamples(fleet(7), FAULTS);
        assertTrue(clean.size() > 1000);
        assertEquals(clean, faulty);
    }

    private static List<String> validSamples(Fleet fleet, FaultConfig faults) {
        List<String> out = new ArrayList<>();
        for (DeviceStream s : fleet.streams(Codecs.json(), faults, new InMemoryTruth())) {
            for (DeviceAction a = s.next(); a != null; a = s.next()) {
                if (a instanceof DeviceAction.Publish p && p.kind() == DeviceAction.Kind.VALID) {
                    Envelope e = ((Decoded.Ok) Codecs.json().decode(p.payload())).envelope();
                    e.samples().forEach(x -> out.add(e.deviceId() + " " + x));
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void deviceIdsAndProfilesAreStable() {
        Fleet f = fleet(42);
        assertEquals("veh-00001", f.devices().get(0).key().deviceId());
        assertEquals("wear-00004", f.devices().get(9).key().deviceId());
        assertEquals("farm-00001", f.devices().get(10).key().deviceId());
        assertEquals(f.devices().get(0).driver(), fleet(42).devices().get(0).driver());
        assertEquals(4, f.fields().size());
        assertEquals("acme/veh-00001", f.devices().get(0).username());
    }
}
