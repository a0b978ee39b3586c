package io.telerisk.agri.cli;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.field.InvalidFieldException;
import io.telerisk.agri.ndvi.FieldBoundary;
import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.agri.ndvi.SceneNdvi;
import io.telerisk.agri.ndvi.ZonalNdvi;
import io.telerisk.agri.ndvi.ZonalOptions;
import io.telerisk.agri.scene.ProductMetadata;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.SceneReadException;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.Cloud;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import io.telerisk.agri.scene.RasterGrid;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Command line for agri-credit, wired by the launcher as {@code bin/platform agri ...}.
 * <pre>
 * agri ndvi  --red B04.tif --nir B08.tif [--scl SCL.tif] --fields fields.geojson [--id-property NAME]
 *            [--processing-baseline 04.00 | --metadata MTD_MSIL2A.xml] [--min-valid 10] [--min-clear 0.5] [--threads 2]
 * agri synth --out DIR --fields fields.geojson [--ndvi 0.7] [--clouds N] [--seed 1] [--scene-id ID]
 * </pre>
 * {@code ndvi} prints one CSV row per field: {@code id,valid_pixels,ndvi_mean,ndvi_median,ndvi_std,ndvi_min,
 * ndvi_max,cloud_free_fraction,status}; status is {@code ok} or the no-observation reason (stats empty, the detail
 * goes to stderr). The radiometric offset is the one the product states (the bands' GDAL_METADATA, else
 * {@code --metadata}), else that of {@code --processing-baseline} ({@code --baseline} is an alias), else 04.00's; a scene
 * whose pixels contradict it is refused (exit 3) with a message naming the option to pass.
 * Exit codes: 0 done, 2 usage or bad fields file, 3 unusable scene.
 */
public final class AgriCli {
    private AgriCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Logger.getLogger("org.apache.sis").setLevel(Level.SEVERE); // SIS warns that SIS_DATA is unset: not needed for UTM
        if (args.length == 0) return usage(err, "missing command");
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")
                || (args.length == 2 && args[1].equals("--help"))) {
            printUsage(out);
            return 0;
        }
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) return usage(err, "bad argument '" + args[i] + "'");
            opt.put(args[i].substring(2), args[++i]);
        }
        try {
            return switch (args[0]) {
                case "ndvi" -> ndvi(opt, out, err);
                case "synth" -> synth(opt, out, err);
                default -> usage(err, "unknown command '" + args[0] + "'");
            };
        } catch (InvalidFieldException e) {
            err.println("error: fields: " + e.reason() + ": " + e.getMessage());
            return 2;
        } catch (SceneReadException e) {
            err.println("error: scene: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 2;
        }
    }

    private static int usage(PrintStream err, String why) {
        err.println("error: " + why);
        printUsage(err);
        return 2;
    }

    private static void printUsage(PrintStream s) {
        s.println("usage: agri ndvi --red B04.tif --nir B08.tif [--scl SCL.tif] --fields fields.geojson [--id-property NAME]"
                + " [--processing-baseline 04.00 | --metadata MTD_MSIL2A.xml] [--min-valid 10] [--min-clear 0.5] [--threads 2]");
        s.println("       agri synth --out DIR --fields fields.geojson [--ndvi 0.7] [--clouds N] [--seed 1] [--scene-id ID]");
        s.println("ndvi prints one CSV row per field: id, valid pixels, NDVI mean, median, std, min, max, cloud-free fraction, status");
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }

    private static List<FieldBoundary> fields(Map<String, String> opt) throws IOException {
        String json = Files.readString(Path.of(required(opt, "fields")), StandardCharsets.UTF_8);
        List<FieldBoundary> fields = new ArrayList<>();
        for (GeoJson.IdentifiedPolygon p : GeoJson.features(json, opt.get("id-property"))) fields.add(new FieldBoundary(p.id(), p.polygon()));
        return fields;
    }

    private static int ndvi(Map<String, String> opt, PrintStream out, PrintStream err) throws IOException {
        io.telerisk.agri.field.UtmProjection.warmUpInBackground(); // overlaps SIS start-up with reading the fields
        Path red = Path.of(required(opt, "red")), nir = Path.of(required(opt, "nir"));
        Path scl = opt.containsKey("scl") ? Path.of(opt.get("scl")) : null;
        List<FieldBoundary> fields = fields(opt);
        ProductMetadata md = opt.containsKey("metadata") ? ProductMetadata.fromMtdFile(Path.of(opt.get("metadata"))) : ProductMetadata.NONE;
        RadiometricScaling scaling = md.scaling().orElse(RadiometricScaling.forProcessingBaseline(
                opt.getOrDefault("processing-baseline", opt.getOrDefault("baseline", "04.00"))));
        ZonalOptions zo = new ZonalOptions(Integer.parseInt(opt.getOrDefault("min-valid", "10")),
                Double.parseDouble(opt.getOrDefault("min-clear", "0.5")), Integer.parseInt(opt.getOrDefault("threads", "2")));
        SceneNdvi result = new ZonalNdvi(zo).compute(new Sentinel2Scene(red.getFileName().toString(), Instant.EPOCH, red, nir, scl, scaling), fields);
        StringBuilder b = new StringBuilder("id,valid_pixels,ndvi_mean,ndvi_median,ndvi_std,ndvi_min,ndvi_max,cloud_free_fraction,status\n");
        for (FieldNdvi f : result.fields()) {
            b.append(csv(f.fieldId())).append(',');
            if (f instanceof FieldNdvi.Observed o) {
                NdviStats s = o.stats();
                b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,ok%n", s.validPixels(), s.mean(), s.median(),
                        s.std(), s.min(), s.max(), s.cloudFreeFraction()));
            } else if (f instanceof FieldNdvi.NoObservation n) {
                String clear = n.pixelsInField() > 0 ? String.format(Locale.ROOT, "%.6f", (double) n.validPixels() / n.pixelsInField()) : "";
                b.append(n.validPixels()).append(",,,,,,").append(clear).append(',').append(n.reason()).append('\n');
                err.println("field " + n.fieldId() + ": " + n.reason() + ": " + n.detail());
            }
        }
        if (result.negativeReflectancePixels() > 0) {
            err.println(result.negativeReflectancePixels() + " field pixels with a negative reflectance were left out (BOA_ADD_OFFSET "
                    + scaling.boaAddOffset() + ")");
        }
        out.print(b);
        out.flush();
        return 0;
    }

    private static int synth(Map<String, String> opt, PrintStream out, PrintStream err) throws IOException {
        List<FieldBoundary> fields = fields(opt);
        double ndvi = Double.parseDouble(opt.getOrDefault("ndvi", "0.7"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        List<SyntheticField> sf = new ArrayList<>();
        for (FieldBoundary f : fields) sf.add(new SyntheticField(f.wgs84(), ndvi));
        RasterGrid grid = SyntheticSceneWriter.gridAround(fields.stream().map(FieldBoundary::wgs84).toList(), 500);
        SyntheticSceneSpec spec = SyntheticSceneSpec.clear(grid, sf, seed);
        int clouds = Integer.parseInt(opt.getOrDefault("clouds", "0"));
        if (clouds > 0) {
            java.util.Random r = new java.util.Random(seed);
            List<Cloud> cs = new ArrayList<>();
            for (int i = 0; i < clouds; i++) {
                cs.add(Cloud.at(grid.originX() + r.nextDouble() * grid.width() * 10, grid.originY() - r.nextDouble() * grid.height() * 10,
                        200 + r.nextDouble() * 800));
            }
            spec = spec.withClouds(cs);
        }
        Sentinel2Scene s = SyntheticSceneWriter.write(Path.of(required(opt, "out")), opt.getOrDefault("scene-id", "SYNTH"),
                Instant.now(), spec);
        out.println(s.red());
        out.println(s.nir());
        out.println(s.scl());
        return 0;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
