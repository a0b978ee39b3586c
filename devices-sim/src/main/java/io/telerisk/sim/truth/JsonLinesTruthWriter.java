package io.telerisk.sim.truth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes ground truth as JSON lines (UTF-8, one record per line). Thread-safe; flushes on close. */
public final class JsonLinesTruthWriter implements TruthSink, AutoCloseable {
    private final Path file;
    private final BufferedWriter out;
    private long lines;

    public JsonLinesTruthWriter(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ground-truth file " + file, e);
        }
    }

    @Override
    public synchronized void record(TruthRecord r) {
        try {
            out.write(r.toJson());
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground-truth file " + file, e);
        }
    }

    public synchronized long lines() {
        return lines;
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ground-truth file " + file, e);
        }
    }
}
