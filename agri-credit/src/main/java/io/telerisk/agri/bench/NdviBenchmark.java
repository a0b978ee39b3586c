package io.telerisk.agri.bench;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.field.UtmProjection;
import io.telerisk.agri.ndvi.FieldBoundary;
import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.SceneNdvi;
import io.telerisk.agri.ndvi.ZonalNdvi;
import io.telerisk.agri.ndvi.ZonalOptions;
import io.telerisk.agri.scene.GeoTiffWriter;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.Cloud;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark: zonal NDVI statistics of 2,000 fields on a full Sentinel-2 tile (10980 x 10980, B04 and B08 UInt16
 * DEFLATE-tiled, SCL 20 m), this library against GDAL + numpy (scripts/gdal_zonal_ndvi.py) in the same run.
 * <pre>
 * NdviBenchmark generate [--dir target/agri-bench] [--fields 2000]   writes the tile and fields.geojson once
 * NdviBenchmark once     [--dir ...] [--threads 2]                    one in-process run (used as the Java child)
 * NdviBenchmark compare  [--dir ...] [--runs 3] [--python /usr/bin/python3] [--script scripts/gdal_zonal_ndvi.py]
 * </pre>
 * {@code compare} runs each side as a child process under {@code /usr/bin/time -v}, alternating, and reports
 * median wall time and peak RSS of both plus the largest difference between their per-field statistics.
 */
public final class NdviBenchmark {
    private static final int SIZE = 10980;
    private static final Instant ACQUIRED = Instant.parse("2024-06-12T10:06:19Z");

    private NdviBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.apache.sis").setLevel(Level.SEVERE);
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        Path dir = Path.of(o.getOrDefault("dir", "target/agri-bench"));
        String cmd = args.length == 0 ? "compare" : args[0];
        switch (cmd) {
            case "generate" -> generate(dir, Integer.parseInt(o.getOrDefault("fields", "2000")));
            case "once" -> once(dir, Integer.parseInt(o.getOrDefault("threads", "2")));
            case "compare" -> compare(dir, Integer.parseInt(o.getOrDefault("runs", "3")), o.getOrDefault("python", "/usr/bin/python3"),
                    o.getOrDefault("script", "scripts/gdal_zonal_ndvi.py"), o.getOrDefault("xmx", "128m"));
            default -> throw new IllegalArgumentException("unknown command " + cmd + " (generate, once, compare)");
        }
    }

    static void generate(Path dir, int nFields) throws IOException {
        Files.createDirectories(dir);
        // the real tile T33UVP: WGS 84 / UTM 33N, upper-left corner (399960, 5600040)
        RasterGrid grid = new RasterGrid(32633, SIZE, SIZE, 399_960, 5_600_040, 10, 10);
        Random rnd = new Random(2024);
        GeometryFactory gf = new GeometryFactory();
        List<SyntheticField> fields = new ArrayList<>();
        StringBuilder geojson = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < nFields; i++) {
            // irregular fields of 6..14 vertices, radius 80..350 m (about 1.5 to 35 ha), anywhere on the tile
            double cx = grid.originX() + 1_000 + rnd.nextDouble() * (SIZE * 10 - 2_000);
            double cy = grid.originY() - 1_000 - rnd.nextDouble() * (SIZE * 10 - 2_000);
            double radius = 80 + 270 * rnd.nextDouble();
            int n = 6 + rnd.nextInt(9);
            Coordinate[] cs = new Coordinate[n + 1];
            for (int k = 0; k < n; k++) {
                double a = 2 * Math.PI * k / n, r = radius * (0.7 + 0.3 * rnd.nextDouble());
                cs[k] = new Coordinate(cx + r * Math.cos(a), cy + r * Math.sin(a));
            }
            cs[n] = cs[0];
            Polygon wgs = UtmProjection.unproject(gf.createPolygon(cs), grid.epsg());
            fields.add(new SyntheticField(wgs, 0.25 + 0.6 * rnd.nextDouble()));
            geojson.append(i == 0 ? "" : ",\n").append("{\"type\":\"Feature\",\"properties\":{\"id\":\"F").append(i)
                    .append("\"},\"geometry\":").append(GeoJson.write(wgs)).append('}');
        }
        Files.writeString(dir.resolve("fields.geojson"), geojson.append("\n]}\n"), StandardCharsets.UTF_8);
        List<Cloud> clouds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clouds.add(Cloud.at(grid.originX() + rnd.nextDouble() * SIZE * 10, grid.originY() - rnd.nextDouble() * SIZE * 10,
                    1_000 + 3_000 * rnd.nextDouble()));
        }
        SyntheticSceneSpec spec = SyntheticSceneSpec.clear(grid, fields, 99).withClouds(clouds);
        long t0 = System.nanoTime();
        SyntheticSceneWriter.write(dir, "T33UVP", ACQUIRED, spec, new GeoTiffWriter.Options(512, false, 6, 2));
        System.out.printf(Locale.ROOT, "generated %d fields and a %dx%d tile in %.1f s under %s%n", nFields, SIZE, SIZE,
                (System.nanoTime() - t0) / 1e9, dir.toAbsolutePath());
    }

    private static Sentinel2Scene scene(Path dir) {
        return new Sentinel2Scene("T33UVP", ACQUIRED, dir.resolve("T33UVP_B04.tif"), dir.resolve("T33UVP_B08.tif"),
                dir.resolve("T33UVP_SCL.tif"), RadiometricScaling.BASELINE_04);
    }

    static void once(Path dir, int threads) throws IOException {
        long t0 = System.nanoTime();
        UtmProjection.warmUpInBackground();
        List<FieldBoundary> fields = new ArrayList<>();
        for (GeoJson.IdentifiedPolygon p : GeoJson.features(Files.readString(dir.resolve("fields.geojson")))) {
            fields.add(new FieldBoundary(p.id(), p.polygon()));
        }
        long cpuFields = processCpuNanos();
        double wallFields = (System.nanoTime() - t0) / 1e9;
        SceneNdvi r = new ZonalNdvi(new ZonalOptions(10, 0.5, threads)).compute(scene(dir), fields);
        double s = (System.nanoTime() - t0) / 1e9;
        long cpuEnd = processCpuNanos();
        StringBuilder b = new StringBuilder();
        int observed = 0;
        for (FieldNdvi f : r.fields()) {
            if (f instanceof FieldNdvi.Observed ob) {
                observed++;
                var st = ob.stats();
                b.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,ok%n", f.fieldId(), st.validPixels(), st.mean(),
                        st.median(), st.std(), st.min(), st.max(), st.cloudFreeFraction()));
            } else {
                b.append(f.fieldId()).append(",,,,,,,,").append(((FieldNdvi.NoObservation) f).reason()).append('\n');
            }
        }
        Files.writeString(dir.resolve("java.csv"), b);
        System.out.printf(Locale.ROOT, "java_elapsed_s=%.3f java_vmhwm_kb=%d fields=%d observed=%d%n", s, vmHwmKb(), fields.size(), observed);
        System.out.printf(Locale.ROOT, "phases: JVM start to fields parsed (incl. SIS warm-up thread) cpu %.2f s; wall %.2f s; zonal statistics cpu %.2f s, wall %.2f s%n",
                cpuFields / 1e9, wallFields, (cpuEnd - cpuFields) / 1e9, s - wallFields);
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }

    /** Wall seconds, peak RSS kB and the child's own in-process timing line. */
    private record Measured(double wallS, long maxRssKb, double innerS, double cpuS, String stdout) {
    }

    private static Measured measure(List<String> cmd, Path stdoutFile) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v"));
        full.addAll(cmd);
        Path err = Files.createTempFile("bench", ".err");
        Process p = new ProcessBuilder(full).redirectOutput(stdoutFile.toFile()).redirectError(err.toFile()).start();
        int rc = p.waitFor();
        String e = Files.readString(err);
        Files.delete(err);
        if (rc != 0) throw new IllegalStateException("benchmark child failed (" + rc + "): " + String.join(" ", cmd) + "\n" + e);
        String out = Files.readString(stdoutFile);
        Matcher rss = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(e);
        Matcher wall = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)").matcher(e);
        Matcher inner = Pattern.compile("(?:java|gdal)_elapsed_s=([\\d.]+)").matcher(out + e);
        Matcher user = Pattern.compile("User time \\(seconds\\): ([\\d.]+)").matcher(e);
        Matcher sys = Pattern.compile("System time \\(seconds\\): ([\\d.]+)").matcher(e);
        if (!rss.find() || !wall.find() || !inner.find() || !user.find() || !sys.find()) throw new IllegalStateException("cannot parse /usr/bin/time output:\n" + e);
        double w = (wall.group(1) == null ? 0 : Integer.parseInt(wall.group(1)) * 3600) + Integer.parseInt(wall.group(2)) * 60
                + Double.parseDouble(wall.group(3));
        return new Measured(w, Long.parseLong(rss.group(1)), Double.parseDouble(inner.group(1)),
                Double.parseDouble(user.group(1)) + Double.parseDouble(sys.group(1)), out);
    }

    static void compare(Path dir, int runs, String python, String script, String xmx) throws Exception {
        if (!Files.exists(dir.resolve("T33UVP_B04.tif"))) generate(dir, 2000);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> javaCmd = List.of(java, "-Xmx" + xmx, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NdviBenchmark.class.getName(), "once", "--dir", dir.toString());
        List<String> gdalCmd = List.of(python, script, "--red", dir.resolve("T33UVP_B04.tif").toString(), "--nir",
                dir.resolve("T33UVP_B08.tif").toString(), "--scl", dir.resolve("T33UVP_SCL.tif").toString(), "--fields",
                dir.resolve("fields.geojson").toString(), "--mask", "rasterize");
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).trim();
        List<Measured> j = new ArrayList<>(), g = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            j.add(measure(javaCmd, dir.resolve("java.out")));
            g.add(measure(gdalCmd, dir.resolve("gdal.csv")));
            System.out.printf(Locale.ROOT, "run %d: java wall %.2f s (in-process %.2f s, cpu %.2f s) rss %d MB | gdal wall %.2f s (in-process %.2f s, cpu %.2f s) rss %d MB%n",
                    i + 1, j.get(i).wallS, j.get(i).innerS, j.get(i).cpuS, j.get(i).maxRssKb / 1024, g.get(i).wallS, g.get(i).innerS,
                    g.get(i).cpuS, g.get(i).maxRssKb / 1024);
        }
        double maxDiff = agreement(dir.resolve("java.csv"), dir.resolve("gdal.csv"));
        double jw = median(j.stream().mapToDouble(Measured::wallS).toArray()), gw = median(g.stream().mapToDouble(Measured::wallS).toArray());
        double ji = median(j.stream().mapToDouble(Measured::innerS).toArray()), gi = median(g.stream().mapToDouble(Measured::innerS).toArray());
        double jr = median(j.stream().mapToDouble(m -> m.maxRssKb / 1024.0).toArray()), gr = median(g.stream().mapToDouble(m -> m.maxRssKb / 1024.0).toArray());
        double jc = median(j.stream().mapToDouble(Measured::cpuS).toArray()), gc = median(g.stream().mapToDouble(Measured::cpuS).toArray());
        System.out.printf(Locale.ROOT, "%nmedian of %d runs, %d cores, load average before: %s%n", runs,
                Runtime.getRuntime().availableProcessors(), loadAverage);
        System.out.printf(Locale.ROOT, "| side | wall (process) s | in-process s | CPU user+sys s | peak RSS MB |%n|---|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| agri-credit ZonalNdvi (Java 17, -Xmx%s) | %.2f | %.2f | %.2f | %.0f |%n", xmx, jw, ji, jc, jr);
        System.out.printf(Locale.ROOT, "| GDAL %s + numpy | %.2f | %.2f | %.2f | %.0f |%n", "3.6", gw, gi, gc, gr);
        System.out.printf(Locale.ROOT, "ratio GDAL/Java: wall %.2fx, in-process %.2fx, CPU %.2fx, peak RSS %.2fx; max |difference| of any statistic %.2e%n",
                gw / jw, gi / ji, gc / jc, gr / jr, maxDiff);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Largest absolute difference of any statistic of any field observed by both; fails if the sets differ. */
    private static double agreement(Path javaCsv, Path gdalCsv) throws IOException {
        Map<String, String[]> g = new HashMap<>();
        for (String l : Files.readAllLines(gdalCsv)) if (!l.startsWith("id,") && !l.isBlank()) g.put(l.split(",", -1)[0], l.split(",", -1));
        double max = 0;
        int both = 0;
        for (String l : Files.readAllLines(javaCsv)) {
            String[] j = l.split(",", -1);
            String[] o = g.get(j[0]);
            if (o == null) throw new IllegalStateException("GDAL has no row for " + j[0]);
            if ("ok".equals(j[8]) != "ok".equals(o[8])) throw new IllegalStateException("observation status differs for " + j[0] + ": " + l + " vs " + String.join(",", o));
            if (!"ok".equals(j[8])) continue;
            both++;
            if (!j[1].equals(o[1])) throw new IllegalStateException("valid pixel count differs for " + j[0] + ": " + j[1] + " vs " + o[1]);
            for (int k = 2; k <= 7; k++) max = Math.max(max, Math.abs(Double.parseDouble(j[k]) - Double.parseDouble(o[k])));
        }
        System.out.println("fields observed by both: " + both);
        return max;
    }
}
