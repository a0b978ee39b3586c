package io.telerisk.sim.scene;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.Cloud;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import io.telerisk.sim.Rng;
import io.telerisk.sim.farm.FarmField;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a season of synthetic Sentinel-2 L2A scenes for simulated farm fields: for each date
 * {@code DIR/<date>/B04.tif}, {@code B08.tif} and {@code SCL.tif} (agri-credit's {@link SyntheticSceneWriter}:
 * WGS 84 / UTM, tiled DEFLATE, DN 0 no-data, SCL at 20 m), in which every field's pixels scatter around
 * {@link FarmField#ndvi(LocalDate)} on that date, plus {@code DIR/fields.geojson} (a FeatureCollection with
 * {@code properties.id}) so {@code bin/platform agri ndvi} can measure them. The extent is the fields' bounding box
 * plus a margin, not a full 110 km tile, and is refused beyond {@link Options#maxExtentKm()} with a reason.
 * Same fields, dates, seed and options give the same bytes.
 */
public final class FieldSceneWriter {
    /** Sentinel-2 passes over Europe around 10:00–10:30 UTC; the exact minute does not matter here. */
    private static final int ACQUISITION_HOUR_UTC = 10;

    /**
     * @param marginM        margin around the fields' bounding box, metres
     * @param maxExtentKm    largest side of a scene (a guard against a region of hundreds of km writing gigabytes)
     * @param cloudsPerScene seeded clouds (with shadows) per scene; fields under them get no observation
     * @param noiseStd       per-pixel Gaussian NDVI noise
     */
    public record Options(double marginM, double maxExtentKm, int cloudsPerScene, double noiseStd) {
        public Options {
            if (!(marginM >= 0) || !(maxExtentKm > 0) || cloudsPerScene < 0 || !(noiseStd >= 0)) {
                throw new IllegalArgumentException("bad scene options: margin " + marginM + " m, max extent " + maxExtentKm
                        + " km, clouds " + cloudsPerScene + ", noise " + noiseStd);
            }
        }

        /** 300 m margin, at most 25 km a side, clear sky, noise 0.03. */
        public static Options defaults() {
            return new Options(300, 25, 0, 0.03);
        }

        public Options withClouds(int n) {
            return new Options(marginM, maxExtentKm, n, noiseStd);
        }
    }

    /** One written date. */
    public record DatedScene(LocalDate date, Path dir, Sentinel2Scene scene) {
    }

    /** What was written: the fields file, the placed and skipped fields, and one scene per date. */
    public record Written(Path fieldsGeoJson, RasterGrid grid, List<FieldFootprint> fields, List<String> skipped,
                          List<DatedScene> scenes) {
        public Written {
            fields = List.copyOf(fields);
            skipped = List.copyOf(skipped);
            scenes = List.copyOf(scenes);
        }
    }

    private FieldSceneWriter() {
    }

    /**
     * Writes {@code fields.geojson} and one scene per date into {@code dir}.
     *
     * @throws IllegalArgumentException no fields, no dates, or fields spread wider than {@code maxExtentKm}
     */
    public static Written write(Path dir, List<FarmField> fields, List<LocalDate> dates, long seed, Options options)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (fields.isEmpty()) throw new IllegalArgumentException("no farm fields to put in scenes (use --farms N)");
        if (dates.isEmpty()) throw new IllegalArgumentException("no scene dates");
        FieldFootprints.Result placed = FieldFootprints.of(fields, seed);
        if (placed.placed().isEmpty()) throw new IllegalArgumentException("no field could be placed: " + placed.skipped());
        RasterGrid grid = SyntheticSceneWriter.gridAround(placed.placed().stream().map(FieldFootprint::wgs84).toList(), options.marginM());
        double widthKm = grid.width() * grid.pixelSizeXM() / 1000, heightKm = grid.height() * grid.pixelSizeYM() / 1000;
        if (Math.max(widthKm, heightKm) > options.maxExtentKm()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the fields span %.1f km x %.1f km, more than the "
                    + "%.0f km a synthetic scene may cover; simulate a smaller region (farms spread over twice the --region "
                    + "radius, e.g. --region LAT,LON,4)", widthKm, heightKm, options.maxExtentKm()));
        }
        Map<String, FarmField> byId = new HashMap<>();
        for (FarmField f : fields) byId.put(f.fieldId(), f);
        Files.createDirectories(dir);
        Path geoJson = dir.resolve("fields.geojson");
        Files.writeString(geoJson, featureCollection(placed.placed(), byId), StandardCharsets.UTF_8);

        List<DatedScene> scenes = new ArrayList<>();
        for (LocalDate date : dates.stream().distinct().sorted().toList()) {
            List<SyntheticField> painted = new ArrayList<>();
            for (FieldFootprint fp : placed.placed()) {
                double ndvi = byId.get(fp.fieldId()).ndvi(date);
                painted.add(new SyntheticField(fp.wgs84(), Math.max(-1, Math.min(1, ndvi))));
            }
            long sceneSeed = Rng.derive(seed, "scene", date.toEpochDay());
            SyntheticSceneSpec spec = new SyntheticSceneSpec(grid, 20, painted, clouds(grid, options.cloudsPerScene(), sceneSeed),
                    0.2, options.noiseStd(), grid.width(), sceneSeed, RadiometricScaling.BASELINE_04);
            Path dateDir = dir.resolve(date.toString());
            String id = "S2SIM_" + date.toString().replace("-", "");
            Sentinel2Scene s = SyntheticSceneWriter.write(dateDir, id, date.atTime(ACQUISITION_HOUR_UTC, 0).toInstant(ZoneOffset.UTC), spec);
            Path red = move(s.red(), dateDir.resolve("B04.tif"));
            Path nir = move(s.nir(), dateDir.resolve("B08.tif"));
            Path scl = move(s.scl(), dateDir.resolve("SCL.tif"));
            scenes.add(new DatedScene(date, dateDir, new Sentinel2Scene(id, s.acquired(), red, nir, scl, s.scaling())));
        }
        return new Written(geoJson, grid, placed.placed(), placed.skipped(), scenes);
    }

    private static Path move(Path from, Path to) throws IOException {
        return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Clouds of 200–1000 m radius anywhere in the scene, from the scene's seed. */
    private static List<Cloud> clouds(RasterGrid grid, int n, long sceneSeed) {
        Rng rng = new Rng(Rng.derive(sceneSeed, "clouds", 0));
        List<Cloud> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Cloud.at(grid.originX() + rng.uniform() * grid.width() * grid.pixelSizeXM(),
                    grid.originY() - rng.uniform() * grid.height() * grid.pixelSizeYM(), rng.uniform(200, 1000)));
        }
        return out;
    }

    private static String featureCollection(List<FieldFootprint> placed, Map<String, FarmField> byId) {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < placed.size(); i++) {
            FieldFootprint fp = placed.get(i);
            FarmField f = byId.get(fp.fieldId());
            if (i > 0) b.append(",\n");
            b.append("{\"type\":\"Feature\",\"properties\":{\"id\":\"").append(json(fp.fieldId()))
                    .append("\",\"crop\":\"").append(json(f.crop()))
                    .append("\",\"areaHa\":").append(String.format(Locale.ROOT, "%.2f", fp.areaHa()))
                    .append("},\"geometry\":").append(GeoJson.write(fp.wgs84())).append('}');
        }
        return b.append("\n]}\n").toString();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
