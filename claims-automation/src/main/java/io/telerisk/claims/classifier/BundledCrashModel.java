package io.telerisk.claims.classifier;

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
 * The TensorFlow crash classifier shipped inside the jar with its model card ({@value #RESOURCE_DIR}): exported by
 * {@code CrashModelRelease} (seed 1, {@code TfCrashModel.Config.defaults()}), trained and evaluated on simulated
 * windows only, as its MODEL_CARD.md says. {@code claims assess --model bundled} and {@code claims evaluate --model
 * bundled} use it, and so do the CLI without {@code --model} and the hub unless {@code DATA_DIR/models/crash} holds a
 * model or the physics rule is configured.
 * <p>
 * One fixed model rather than training on first use: TensorFlow's training is not bit-reproducible across machines
 * and thread counts, so models trained per install would judge the same window differently.
 */
public final class BundledCrashModel {
    /** Where the model lives on the class path. */
    public static final String RESOURCE_DIR = "/models/crash/";
    /** The model card for people, beside the SavedModel. */
    public static final String MARKDOWN = "MODEL_CARD.md";
    /** The SavedModel's files: a class-path directory inside a jar cannot be listed portably, so they are named. */
    static final List<String> FILES = List.of("saved_model.pb", "variables/variables.index",
            "variables/variables.data-00000-of-00001", CrashModelCard.JSON, MARKDOWN);

    private BundledCrashModel() {
    }

    /** Copies the model (SavedModel and model cards) into {@code dir}, creating it; files already there are replaced. */
    public static void copyTo(Path dir) throws IOException {
        for (String f : FILES) {
            Path target = dir.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = BundledCrashModel.class.getResourceAsStream(RESOURCE_DIR + f)) {
                if (in == null) throw new IOException("the bundled crash model lacks " + RESOURCE_DIR + f + " (broken build?)");
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The bundled model's card (name, threshold), read without loading TensorFlow. */
    public static CrashModelCard card() throws IOException {
        try (InputStream in = BundledCrashModel.class.getResourceAsStream(RESOURCE_DIR + CrashModelCard.JSON)) {
            if (in == null) throw new IOException("the bundled crash model lacks " + RESOURCE_DIR + CrashModelCard.JSON + " (broken build?)");
            return CrashModelCard.read(in);
        }
    }

    /** Loads the bundled model through a private temporary copy (TensorFlow loads SavedModels from directories). */
    public static TfCrashClassifier load() throws IOException {
        Path tmp = Files.createTempDirectory("crash-model");
        try {
            copyTo(tmp);
            return TfCrashClassifier.load(tmp);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // a leftover copy in the temporary directory is harmless; the loaded model does not read it
            }
        }
    }
}
