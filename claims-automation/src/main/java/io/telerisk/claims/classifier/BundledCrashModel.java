package io.telerisk.claims.classifier;

import io.telerisk.model.bundle.BundledFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

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
    /** The SavedModel's files and its cards. */
    static final BundledFiles FILES = new BundledFiles(BundledCrashModel.class, RESOURCE_DIR,
            List.of("saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001",
                    CrashModelCard.JSON, MARKDOWN),
            "the bundled crash model");

    private BundledCrashModel() {
    }

    /** Copies the model (SavedModel and model cards) into {@code dir}, creating it; files already there are replaced. */
    public static void copyTo(Path dir) throws IOException {
        FILES.copyTo(dir);
    }

    /** The bundled model's card (name, threshold), read without loading TensorFlow. */
    public static CrashModelCard card() throws IOException {
        try (InputStream in = FILES.open(CrashModelCard.JSON)) {
            return CrashModelCard.read(in);
        }
    }

    /** Loads the bundled model through a private temporary copy (TensorFlow loads SavedModels from directories). */
    public static TfCrashClassifier load() throws IOException {
        return FILES.loadViaCopy("crash-model", TfCrashClassifier::load);
    }
}
