package io.telerisk.agent.nmea;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's fixes against a reference decoder: gpsd's {@code gpsdecode} 3.22 (Debian {@code gpsd-clients}) run once
 * on the same capture, its output committed beside it ({@code *.gpsdecode.csv}: the last TPV of each time with a 2D or
 * 3D fix). Issue #13's tolerances: the same epochs and times, position within 1e-6 degrees, speed within 0.01 m/s.
 * This capture is synthetic (u-blox order, a bad checksum, a torn GGA); 23 real captures (22 chipsets) are compared
 * the same way in {@link ChipsetCapturesTest}.
 */
class ReferenceDecoderTest {
    private record Reference(double lat, double lon, Double speed) {}

    @Test
    void ubloxCaptureMatchesGpsdecodeEpochByEpoch() throws IOException {
        Map<Instant, Reference> reference = reference("/nmea/ublox-drive.gpsdecode.csv");
        List<NmeaFix> fixes = decode("/nmea/ublox-drive.nmea");
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        for (NmeaFix f : fixes) {
            Reference r = reference.get(f.time());
            if (r == null) {
                mismatches.add(f.time() + ": no reference epoch");
                continue;
            }
            boolean position = Math.abs(f.latitudeDeg() - r.lat()) <= 1e-6 && Math.abs(f.longitudeDeg() - r.lon()) <= 1e-6;
            boolean speed = r.speed() == null ? f.speedMps() == null : f.speedMps() != null && Math.abs(f.speedMps() - r.speed()) <= 0.01;
            if (position && speed) matched++;
            else mismatches.add(f.time() + ": agent " + f.latitudeDeg() + "," + f.longitudeDeg() + " " + f.speedMps() + " m/s, reference " + r);
        }
        assertEquals(reference.size(), fixes.size(), "the same number of epochs: " + reference.keySet());
        assertTrue(mismatches.isEmpty(), matched + " of " + fixes.size() + " epochs match; " + mismatches);
    }

    private List<NmeaFix> decode(String resource) throws IOException {
        return Captures.fixes(resource, l -> new NmeaReader(null, l));
    }

    private Map<Instant, Reference> reference(String resource) throws IOException {
        Map<Instant, Reference> out = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("time,") || line.isBlank()) continue;
                String[] f = line.split(",", -1);
                out.put(Instant.parse(f[0]), new Reference(Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3].isEmpty() ? null : Double.parseDouble(f[3])));
            }
        }
        return out;
    }
}
