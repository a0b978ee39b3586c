package io.telerisk.claims.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an exported crash model is: written beside the SavedModel as {@value #JSON} and checked when loading.
 *
 * @param name      model name and version
 * @param created   ISO instant of training
 * @param features  input feature names in order (must equal {@link CrashFeatures#NAMES})
 * @param threshold probability at or above which a pulse is confirmed as a crash
 * @param training  how it was trained (data, seed, optimiser, final loss)
 */
public record CrashModelCard(String name, String created, List<String> features, double threshold,
                             Map<String, Object> training) {
    public static final String JSON = "crash-model.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir) throws IOException {
        MAPPER.writeValue(dir.resolve(JSON).toFile(), this);
    }

    public static CrashModelCard read(Path dir) throws IOException {
        return MAPPER.readValue(dir.resolve(JSON).toFile(), CrashModelCard.class);
    }

    /** Reads a card from a stream (the bundled model's, on the class path). */
    public static CrashModelCard read(InputStream in) throws IOException {
        return MAPPER.readValue(in, CrashModelCard.class);
    }
}
