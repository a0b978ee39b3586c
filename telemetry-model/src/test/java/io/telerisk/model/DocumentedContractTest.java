package io.telerisk.model;

import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.ProtobufEnvelopeCodec;
import io.telerisk.model.validation.EnvelopeValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/telemetry.md is the contract: its examples must decode and validate, and its .proto must be the one we ship. */
class DocumentedContractTest {
    private static String doc() throws IOException {
        Path p = Path.of(System.getProperty("user.dir")).resolve("../docs/telemetry.md").normalize();
        assertTrue(Files.exists(p), "the contract document is missing: " + p);
        return Files.readString(p);
    }

    private static List<String> blocks(String doc, String lang) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void everyJsonExampleDecodesAndValidates() throws IOException {
        List<String> examples = blocks(doc(), "json");
        assertTrue(examples.size() >= 9, "examples found: " + examples.size());
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        int envelopes = 0;
        for (String json : examples) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            if (json.contains("\"status\"")) {
                DeviceStatus.fromJson(bytes);
            } else if (json.contains("\"name\"")) {
                Command.fromJson(bytes);
            } else {
                Decoded d = new EnvelopeValidator().validate(Codecs.json().decode(bytes), now, null);
                assertInstanceOf(Decoded.Ok.class, d, () -> d + " for\n" + json);
                Envelope e = ((Decoded.Ok) d).envelope();
                assertEquals(e, ((Decoded.Ok) Codecs.protobuf().decode(Codecs.protobuf().encode(e))).envelope(), json);
                envelopes++;
            }
        }
        assertTrue(envelopes >= 5, "envelope examples: " + envelopes);
    }

    @Test
    void documentedProtoIsTheShippedProto() throws IOException {
        List<String> protos = blocks(doc(), "proto");
        assertEquals(1, protos.size());
        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ProtobufEnvelopeCodec.PROTO_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(shipped, protos.get(0));
    }
}
