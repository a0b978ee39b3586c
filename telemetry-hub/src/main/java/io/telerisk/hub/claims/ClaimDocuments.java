package io.telerisk.hub.claims;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.model.DeviceType;
import io.telerisk.model.FarmSample;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.io.IOException;
import java.time.Instant;

/**
 * The JSON form of a {@link Claim} as stored in {@code claims_claim.document} and served by the API: every record
 * component by name, instants as ISO-8601 text, money as decimal strings (scale kept), samples of the evidence
 * window tagged with their kind. Reading back gives an equal claim.
 */
final class ClaimDocuments {
    private static final ObjectMapper MAPPER = build();

    private ClaimDocuments() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = VehicleSample.class, name = "vehicle"),
            @JsonSubTypes.Type(value = WearableSample.class, name = "wearable"),
            @JsonSubTypes.Type(value = FarmSample.class, name = "farm")})
    private interface SampleMixin {
    }

    private static ObjectMapper build() {
        SimpleModule m = new SimpleModule("telerisk-claims");
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        // money leaves as decimal strings: a JSON number would lose its scale (and exactness) in most clients
        m.addSerializer(java.math.BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(java.math.BigDecimal v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toPlainString());
            }
        });
        m.addDeserializer(java.math.BigDecimal.class, new JsonDeserializer<>() {
            @Override
            public java.math.BigDecimal deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return new java.math.BigDecimal(p.getValueAsString());
            }
        });
        m.addSerializer(DeviceType.class, new JsonSerializer<>() {
            @Override
            public void serialize(DeviceType v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.wireName());
            }
        });
        m.addDeserializer(DeviceType.class, new JsonDeserializer<>() {
            @Override
            public DeviceType deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return DeviceType.fromWire(p.getValueAsString());
            }
        });
        return JsonMapper.builder()
                .addModule(m)
                .addMixIn(Sample.class, SampleMixin.class)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Claim readClaim(String json) {
        try {
            return MAPPER.readValue(json, Claim.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored claim document unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
