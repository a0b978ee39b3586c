package io.telerisk.launcher.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What a demo data directory holds, in {@code <data-dir>/demo-world.properties}: which world (seed and fleet),
 * when its replay started, how far it got, and the seeded summary to print again. Written once the world is seeded
 * and whenever the replay advances, so a second {@code bin/platform demo} resumes where the first stopped.
 *
 * @param world          the world's identity: seed, tenant and fleet sizes (a different one starts afresh)
 * @param simStart       first replayed instant of the first run
 * @param replayedUntil  simulated time the replay had reached
 * @param summary        the seeded world, as printed
 */
record DemoState(String world, Instant simStart, Instant replayedUntil, String summary) {
    static final String FILE = "demo-world.properties";

    static Optional<DemoState> read(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new DemoState(p.getProperty("world"), Instant.parse(p.getProperty("simStart")),
                    Instant.parse(p.getProperty("replayedUntil")), p.getProperty("summary", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: treated as no world, the demo starts afresh and says why
        }
    }

    /** Writes atomically (a crash mid-write leaves the previous state). */
    void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("world", world);
        p.setProperty("simStart", simStart.toString());
        p.setProperty("replayedUntil", replayedUntil.toString());
        p.setProperty("summary", summary);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "bin/platform demo: the world in this directory (delete the directory to start afresh)");
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }

    DemoState replayedUntil(Instant t) {
        return new DemoState(world, simStart, t, summary);
    }
}
