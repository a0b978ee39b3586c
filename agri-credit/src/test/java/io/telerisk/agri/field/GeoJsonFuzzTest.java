package io.telerisk.agri.field;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target for field boundaries (docs/security.md "Fuzzing"): any GeoJSON a farmer uploads is registered or
 * rejected with a reason by {@link FieldRegistry#register} (which never throws), and reads as identified polygons or an
 * {@link InvalidFieldException} through {@link GeoJson#features}. Regression inputs:
 * src/test/resources/io/telerisk/agri/field/GeoJsonFuzzTestInputs/register/.
 */
class GeoJsonFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void register(byte[] bytes) {
        String geoJson = new String(bytes, StandardCharsets.UTF_8);
        FieldRegistry registry = new FieldRegistry(new InMemoryFieldRepository());
        FieldRegistry.Result r = registry.register(new FieldRegistration("t1", "f1", "alice", null, Crop.MAIZE,
                LocalDate.of(2024, 4, 20), LocalDate.of(2024, 9, 30), "south-moravia", SoilType.LOAM, geoJson));
        assertNotNull(r);
        if (r instanceof FieldRegistry.Result.Rejected x) assertNotNull(x.reason());
        try {
            for (GeoJson.IdentifiedPolygon p : GeoJson.features(geoJson)) assertNotNull(p.polygon());
        } catch (InvalidFieldException refused) {
            assertNotNull(refused.reason());
        }
    }
}
