package io.telerisk.model.codec;

import io.telerisk.model.validation.Limits;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope codecs by MQTT 5 content type.
 *
 * <ul>
 *   <li>no content type (null or blank) or {@code application/json} → {@link JsonEnvelopeCodec}</li>
 *   <li>{@code application/x-protobuf} (also {@code application/protobuf}) → {@link ProtobufEnvelopeCodec}</li>
 *   <li>anything else → {@link Optional#empty()} from {@link #forContentType}; {@link #decode} turns that into
 *       {@link RejectReason#UNSUPPORTED_CONTENT_TYPE}</li>
 * </ul>
 * Matching ignores case, surrounding blanks and parameters ({@code application/json; charset=utf-8}).
 */
public final class Codecs {
    private static final JsonEnvelopeCodec JSON = new JsonEnvelopeCodec();
    private static final ProtobufEnvelopeCodec PROTOBUF = new ProtobufEnvelopeCodec();
    private static final Codecs DEFAULT = new Codecs(JSON, PROTOBUF);

    private final JsonEnvelopeCodec json;
    private final ProtobufEnvelopeCodec protobuf;

    private Codecs(JsonEnvelopeCodec json, ProtobufEnvelopeCodec protobuf) {
        this.json = json;
        this.protobuf = protobuf;
    }

    /** Codecs enforcing {@code limits} while decoding (the static methods use {@link Limits#DEFAULT}). */
    public static Codecs withLimits(Limits limits) {
        Objects.requireNonNull(limits, "limits");
        return new Codecs(new JsonEnvelopeCodec(limits), new ProtobufEnvelopeCodec(limits));
    }

    /** The shared JSON codec with default limits. */
    public static JsonEnvelopeCodec json() {
        return JSON;
    }

    /** The shared protobuf codec with default limits. */
    public static ProtobufEnvelopeCodec protobuf() {
        return PROTOBUF;
    }

    /** The codec for an MQTT content type with default limits; empty when the content type is not supported. */
    public static Optional<EnvelopeCodec> forContentType(String contentTypeOrNull) {
        return DEFAULT.codecFor(contentTypeOrNull);
    }

    /** Decodes with the codec the content type selects; unsupported types are rejected, never thrown. */
    public static Decoded decode(String contentTypeOrNull, byte[] payload) {
        return DEFAULT.decodeAs(contentTypeOrNull, payload);
    }

    /** The JSON codec of this set. */
    public JsonEnvelopeCodec jsonCodec() {
        return json;
    }

    /** The protobuf codec of this set. */
    public ProtobufEnvelopeCodec protobufCodec() {
        return protobuf;
    }

    /** The codec of this set for an MQTT content type; empty when not supported. */
    public Optional<EnvelopeCodec> codecFor(String contentTypeOrNull) {
        if (contentTypeOrNull == null) return Optional.of(json);
        String t = contentTypeOrNull;
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) t = t.substring(0, semicolon);
        t = t.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", JsonEnvelopeCodec.CONTENT_TYPE -> Optional.of(json);
            case ProtobufEnvelopeCodec.CONTENT_TYPE, "application/protobuf" -> Optional.of(protobuf);
            default -> Optional.empty();
        };
    }

    /** Decodes with this set's codec for the content type; unsupported types are rejected, never thrown. */
    public Decoded decodeAs(String contentTypeOrNull, byte[] payload) {
        Optional<EnvelopeCodec> codec = codecFor(contentTypeOrNull);
        if (codec.isEmpty()) {
            String shown = contentTypeOrNull.length() > 64 ? contentTypeOrNull.substring(0, 61) + "..." : contentTypeOrNull;
            return Decoded.rejected(RejectReason.UNSUPPORTED_CONTENT_TYPE, "content type '" + shown
                    + "' is not supported (use " + JsonEnvelopeCodec.CONTENT_TYPE + " or " + ProtobufEnvelopeCodec.CONTENT_TYPE + ")");
        }
        return codec.get().decode(payload);
    }
}
