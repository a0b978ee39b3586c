package io.telerisk.agri.scene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GDAL command-line tools and the reference Python script; fails loudly when GDAL is missing. */
public final class GdalTool {
    private GdalTool() {
    }

    /** Result of a process. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** The Python with GDAL bindings: Debian's /usr/bin/python3 (pyenv shims may hide python3-gdal). */
    public static String python() {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Run r = run(List.of(p, "-c", "from osgeo import gdal; import numpy; print(gdal.__version__)"));
                if (r.exitCode == 0) return p;
            } catch (IllegalStateException ignored) {
                // try the next interpreter
            }
        }
        throw new IllegalStateException("GDAL Python bindings with numpy are not installed: "
                + "apt-get install -y gdal-bin python3-gdal python3-numpy (this test must not be skipped)");
    }

    /** Requires gdalinfo on the PATH. */
    public static void requireGdalBin() {
        try {
            Run r = run(List.of("gdalinfo", "--version"));
            if (r.exitCode != 0) throw new IllegalStateException("gdalinfo failed: " + r.stderr);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("GDAL command-line tools are not installed: apt-get install -y gdal-bin ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The reference script in the module's scripts directory. */
    public static Path referenceScript() {
        Path p = Path.of("scripts/gdal_zonal_ndvi.py");
        if (!Files.exists(p)) p = Path.of("agri-credit/scripts/gdal_zonal_ndvi.py");
        if (!Files.exists(p)) throw new IllegalStateException("scripts/gdal_zonal_ndvi.py not found from " + Path.of("").toAbsolutePath());
        return p;
    }

    public static Run run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("gdal-out", ".txt"), err = Files.createTempFile("gdal-err", ".txt");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + cmd);
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
