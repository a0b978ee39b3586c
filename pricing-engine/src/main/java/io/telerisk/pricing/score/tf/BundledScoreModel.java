package io.telerisk.pricing.score.tf;

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
 * The telematics risk model shipped inside the engine's jar, so a plan rating on {@code telematicsScore} can be
 * quoted with no setup: the hub's default when no model directory is configured, and {@code pricing quote} without
 * {@code --score-model}. It was exported by {@code pricing score-train --drivers 50000 --days 60 --seed 99} and is
 * trained on simulated drivers only (its model card says so); an insurer replaces it with a model of its own.
 * <p>
 * One fixed model rather than training on first use: TensorFlow's multi-threaded training is not bit-reproducible,
 * so models trained per install would score the same driver differently on two hubs of one deployment.
 */
public final class BundledScoreModel {
    /** Where the model lives on the class path. */
    public static final String RESOURCE_DIR = "/models/telematics-score/";
    /** The SavedModel's files: a class-path directory inside a jar cannot be listed portably, so they are named. */
    static final List<String> FILES = List.of("saved_model.pb", "variables/variables.index",
            "variables/variables.data-00000-of-00001", ModelCard.JSON, ModelCard.MARKDOWN);

    private BundledScoreModel() {}

    /** Copies the model (SavedModel and model card) into {@code dir}, creating it; files already there are replaced. */
    public static void copyTo(Path dir) throws IOException {
        for (String f : FILES) {
            Path target = dir.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = BundledScoreModel.class.getResourceAsStream(RESOURCE_DIR + f)) {
                if (in == null) throw new IOException("the bundled score model lacks " + RESOURCE_DIR + f + " (broken build?)");
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The bundled model's card, read without loading TensorFlow. */
    public static ModelCard card() throws IOException {
        try (InputStream in = BundledScoreModel.class.getResourceAsStream(RESOURCE_DIR + ModelCard.JSON)) {
            if (in == null) throw new IOException("the bundled score model lacks " + RESOURCE_DIR + ModelCard.JSON + " (broken build?)");
            return ModelCard.read(in);
        }
    }

    /**
     * Loads the bundled model. TensorFlow loads a SavedModel from a directory, so the files are copied to a private
     * temporary directory, loaded (variables are restored into memory) and the directory is deleted again.
     */
    public static TfTelematicsScorer load() throws IOException {
        Path tmp = Files.createTempDirectory("telematics-score");
        try {
            copyTo(tmp);
            return TfTelematicsScorer.load(tmp);
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
            // a leftover copy in the temporary directory is harmless; the loaded model does not read it
        }
    }
}
