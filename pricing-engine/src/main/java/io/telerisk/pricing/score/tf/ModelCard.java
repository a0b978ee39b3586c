package io.telerisk.pricing.score.tf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a reader needs to trust (or not) an exported risk model: data, features, training, held-out metrics against
 * the GLM baseline, intended use and limitations. Written as model-card.json (read back by the scorer for
 * {@code meanRate}) and MODEL_CARD.md beside the SavedModel.
 */
public record ModelCard(String name, String createdAt, String framework, List<String> features, String architecture,
                        Map<String, Object> training, Map<String, Object> data, Map<String, Double> heldOutMetrics,
                        double meanRate, String scoreDefinition, String intendedUse, List<String> limitations) {
    public static final String JSON = "model-card.json", MARKDOWN = "MODEL_CARD.md";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(JSON), MAPPER.writeValueAsString(this));
        StringBuilder md = new StringBuilder("# Model card: ").append(name).append("\n\n");
        md.append("- created: ").append(createdAt).append("\n- framework: ").append(framework).append("\n- architecture: ")
                .append(architecture).append("\n- features (raw, standardised inside the graph): ").append(features)
                .append("\n- score: ").append(scoreDefinition).append("\n\n## Training\n");
        training.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Data\n");
        data.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Held-out metrics\n| metric | value |\n| --- | --- |\n");
        heldOutMetrics.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(String.format(java.util.Locale.ROOT, "%.4f", v)).append(" |\n"));
        md.append("\n## Intended use\n").append(intendedUse).append("\n\n## Limitations\n");
        limitations.forEach(l -> md.append("- ").append(l).append('\n'));
        Files.writeString(dir.resolve(MARKDOWN), md);
    }

    public static ModelCard read(Path dir) throws IOException {
        return MAPPER.readValue(dir.resolve(JSON).toFile(), ModelCard.class);
    }

    /** A card from its JSON (the bundled model's card is a class-path resource, not a file). */
    public static ModelCard read(java.io.InputStream json) throws IOException {
        return MAPPER.readValue(json, ModelCard.class);
    }

    /** The card as model-card.json holds it, for an API that shows it as it is. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("model card not serialisable: " + e.getMessage(), e);
        }
    }
}
