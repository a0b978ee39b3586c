package io.telerisk.sim.scene;

import io.telerisk.sim.fleet.Fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's {@code --scenes DIR [--scene-dates D1,D2 | --scene-every Nd] [--scene-clouds N]} request:
 * writes the fleet's farm fields as Sentinel-2 scenes instead of publishing telemetry.
 *
 * @param dir    output directory
 * @param dates  explicit dates, or {@code null} for a revisit over the fleet's span
 * @param every  revisit interval such as {@code 5d} (used when {@code dates} is null)
 * @param clouds clouds per scene
 */
public record SceneRequest(Path dir, List<LocalDate> dates, String every, int clouds) {
    /** Sentinel-2A and 2B together revisit every 5 days. */
    public static final String DEFAULT_EVERY = "5d";

    public SceneRequest {
        Objects.requireNonNull(dir, "dir");
        if (dates != null) dates = List.copyOf(dates);
        if (clouds < 0 || clouds > 1000) throw new IllegalArgumentException("--scene-clouds must be in 0..1000: " + clouds);
    }

    /**
     * Parses the options; {@code null} when {@code --scenes} is absent (and then the other scene options are refused,
     * as they would silently do nothing).
     */
    public static SceneRequest parse(String dir, String datesCsv, String every, String clouds) {
        if (dir == null) {
            if (datesCsv != null || every != null || clouds != null) {
                throw new IllegalArgumentException("--scene-dates, --scene-every and --scene-clouds need --scenes DIR");
            }
            return null;
        }
        if (datesCsv != null && every != null) throw new IllegalArgumentException("give --scene-dates or --scene-every, not both");
        if (every != null) SceneDates.every(every, LocalDate.EPOCH, LocalDate.EPOCH); // validate the syntax now
        int n;
        try {
            n = clouds == null ? 0 : Integer.parseInt(clouds.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scene-clouds '" + clouds + "' is not an integer");
        }
        return new SceneRequest(Path.of(dir), datesCsv == null ? null : SceneDates.parseList(datesCsv),
                every == null ? DEFAULT_EVERY : every, n);
    }

    /** The dates to write: the explicit ones, or every {@link #every()} from the fleet's first to its last UTC day. */
    public List<LocalDate> datesFor(Fleet fleet) {
        if (dates != null) return dates;
        return SceneDates.every(every, LocalDate.ofInstant(fleet.start(), ZoneOffset.UTC), LocalDate.ofInstant(fleet.end(), ZoneOffset.UTC));
    }

    /**
     * Writes the scenes and reports them on {@code out}; skipped fields go to {@code err}.
     *
     * @return exit status 0
     * @throws IllegalArgumentException no farms, or a region too wide for one scene
     */
    public int write(Fleet fleet, PrintStream out, PrintStream err) throws IOException {
        FieldSceneWriter.Written w = FieldSceneWriter.write(dir, fleet.fields(), datesFor(fleet), fleet.seed(),
                FieldSceneWriter.Options.defaults().withClouds(clouds));
        for (String s : w.skipped()) err.println("field skipped: " + s);
        out.printf("wrote %d fields to %s and %d scenes (%d x %d px, EPSG:%d):%n", w.fields().size(), w.fieldsGeoJson(),
                w.scenes().size(), w.grid().width(), w.grid().height(), w.grid().epsg());
        for (FieldSceneWriter.DatedScene s : w.scenes()) out.println("  " + s.dir());
        return 0;
    }
}
