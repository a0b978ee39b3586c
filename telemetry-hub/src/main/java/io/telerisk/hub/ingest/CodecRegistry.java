package io.telerisk.hub.ingest;

import io.telerisk.model.codec.EnvelopeCodec;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The codecs the hub decodes, selected by MQTT 5 content type; a default serves clients that send none. */
public final class CodecRegistry {
    private final Map<String, EnvelopeCodec> byContentType = new HashMap<>();
    private final String defaultContentType;

    public CodecRegistry(List<EnvelopeCodec> codecs, String defaultContentType) {
        for (EnvelopeCodec c : codecs) byContentType.put(normalise(c.contentType()), c);
        this.defaultContentType = normalise(defaultContentType);
        if (!byContentType.isEmpty() && !byContentType.containsKey(this.defaultContentType))
            throw new IllegalArgumentException("default content type '" + defaultContentType + "' has no codec; have " + byContentType.keySet());
    }

    /** The content type that applies: the given one, or the default when null or blank. */
    public String effective(String contentType) {
        return contentType == null || contentType.isBlank() ? defaultContentType : normalise(contentType);
    }

    /** The codec for this content type (null or blank means the default). */
    public Optional<EnvelopeCodec> select(String contentType) {
        return Optional.ofNullable(byContentType.get(effective(contentType)));
    }

    public Set<String> contentTypes() {
        return Set.copyOf(byContentType.keySet());
    }

    /** {@code Application/JSON; charset=utf-8} → {@code application/json}. */
    static String normalise(String contentType) {
        int semi = contentType.indexOf(';');
        String base = semi >= 0 ? contentType.substring(0, semi) : contentType;
        return base.trim().toLowerCase(Locale.ROOT);
    }
}
