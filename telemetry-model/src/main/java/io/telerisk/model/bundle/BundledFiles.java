package io.telerisk.model.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of files shipped on the class path, such as a trained model the engines bundle in their jars (the
 * pricing score model, the crash classifier). A class-path directory inside a jar cannot be listed portably, so its
 * files are named.
 *
 * @param owner    a class of the jar that holds the files (its class loader finds them)
 * @param resourceDir the directory on the class path, with leading and trailing {@code /}
 * @param files    the files' paths relative to {@code resourceDir}
 * @param what     what the files are, for error messages ("the bundled crash model")
 */
public record BundledFiles(Class<?> owner, String resourceDir, List<String> files, String what) {
    public BundledFiles {
        files = List.copyOf(files);
    }

    /** Reads the directory from a directory on disk, as {@link #loadViaCopy} hands it over. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Path dir) throws IOException;
    }

    /** Copies every file into {@code dir}, creating it; files already there are replaced. */
    public void copyTo(Path dir) throws IOException {
        for (String f : files) {
            Path target = dir.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = open(f)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Opens one file; the caller closes it. */
    public InputStream open(String file) throws IOException {
        InputStream in = owner.getResourceAsStream(resourceDir + file);
        if (in == null) throw new IOException(what + " lacks " + resourceDir + file + " (broken build?)");
        return in;
    }

    /**
     * Loads through a private temporary copy, deleted again afterwards: TensorFlow, for one, loads SavedModels only
     * from directories and restores their variables into memory, so the copy is not needed once loaded.
     */
    public <T> T loadViaCopy(String tempPrefix, Loader<T> loader) throws IOException {
        Path tmp = Files.createTempDirectory(tempPrefix);
        try {
            copyTo(tmp);
            return loader.load(tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover copy in the temporary directory is harmless; what was loaded does not read it
        }
    }
}
