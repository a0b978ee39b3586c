package io.telerisk.pricing.score.tf;

import io.telerisk.model.bundle.BundledFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

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
    /** The SavedModel's files and its card. */
    static final BundledFiles FILES = new BundledFiles(BundledScoreModel.class, RESOURCE_DIR,
            List.of("saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001",
                    ModelCard.JSON, ModelCard.MARKDOWN),
            "the bundled score model");

    private BundledScoreModel() {}

    /** Copies the model (SavedModel and model card) into {@code dir}, creating it; files already there are replaced. */
    public static void copyTo(Path dir) throws IOException {
        FILES.copyTo(dir);
    }

    /** The bundled model's card, read without loading TensorFlow. */
    public static ModelCard card() throws IOException {
        try (InputStream in = FILES.open(ModelCard.JSON)) {
            return ModelCard.read(in);
        }
    }

    /**
     * Loads the bundled model. TensorFlow loads a SavedModel from a directory, so the files are copied to a private
     * temporary directory, loaded (variables are restored into memory) and the directory is deleted again.
     */
    public static TfTelematicsScorer load() throws IOException {
        return FILES.loadViaCopy("telematics-score", TfTelematicsScorer::load);
    }
}
