package io.telerisk.sim.truth;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.model.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruthFileTest {
    @Test
    void readsBackExactlyWhatWasWritten(@TempDir Path dir) {
        Path f = dir.resolve("t.jsonl");
        InMemoryTruth mem = new InMemoryTruth();
        Fleet fleet = Fleet.builder().seed(4).vehicles(3).wearables(1).farms(1).duration(Duration.ofHours(20)).build();
        try (JsonLinesTruthWriter w = new JsonLinesTruthWriter(f)) {
            TruthSink both = r -> {
                w.record(r);
                mem.record(r);
            };
            for (DeviceStream s : fleet.streams(Codecs.json(), FaultConfig.parse("dup=0.1,malformed=0.1"), both)) {
                while (s.next() != null) {
                    // drain
                }
            }
            both.record(TruthRecord.of("note", new DeviceKey("t", DeviceType.WEARABLE, "w\"1")).put("list", List.of(1, "x")));
        }
        List<TruthRecord> back = TruthFile.read(f).records();
        assertTrue(back.size() > 20);
        assertEquals(mem.records().size(), back.size());
        for (int i = 0; i < back.size(); i++) assertEquals(mem.records().get(i).toJson(), back.get(i).toJson());
    }

    @Test
    void namesTheBadLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"type\":\"trip\"}\n{oops\n");
        var e = assertThrows(IllegalArgumentException.class, () -> TruthFile.read(f));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(f, "[1,2]\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruthFile.read(f)).getMessage().contains("line 1"));
    }
}
