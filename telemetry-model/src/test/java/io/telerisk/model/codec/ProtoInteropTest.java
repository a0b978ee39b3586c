package io.telerisk.model.codec;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.telerisk.model.Envelope;
import io.telerisk.model.testdata.RandomEnvelopes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written codec against protobuf-java's own reflection over the schema, compiled by protoc 3.25.5 into
 * src/test/resources/telerisk/telemetry.desc (regenerate after editing the .proto:
 * {@code protoc --descriptor_set_out=src/test/resources/telerisk/telemetry.desc -I src/main/resources telerisk/telemetry.proto}).
 * A generic protobuf reader must see every field we write as a known field of the declared type, and what a generic
 * writer produces from it must decode to the same envelope.
 */
class ProtoInteropTest {
    private static Descriptors.FileDescriptor schema() throws Exception {
        try (InputStream in = ProtoInteropTest.class.getClassLoader().getResourceAsStream("telerisk/telemetry.desc")) {
            assertNotNull(in, "telerisk/telemetry.desc on the test classpath");
            DescriptorProtos.FileDescriptorSet set = DescriptorProtos.FileDescriptorSet.parseFrom(in);
            return Descriptors.FileDescriptor.buildFrom(set.getFile(0), new Descriptors.FileDescriptor[0]);
        }
    }

    @Test
    void genericProtobufReaderSeesOnlyDeclaredFieldsAndItsOutputDecodesBack() throws Exception {
        Descriptors.Descriptor envelopeType = schema().findMessageTypeByName("Envelope");
        RandomEnvelopes gen = new RandomEnvelopes(21);
        for (int i = 0; i < 500; i++) {
            Envelope e = gen.next();
            byte[] ours = Codecs.protobuf().encode(e);
            DynamicMessage m = DynamicMessage.parseFrom(envelopeType, ours);
            assertNoUnknownFields(m, "envelope " + i);
            byte[] theirs = m.toByteArray();
            assertEquals(e, ((Decoded.Ok) Codecs.protobuf().decode(theirs)).envelope(), "envelope " + i);
        }
    }

    @Test
    void fieldValuesMeanWhatTheSchemaSays() throws Exception {
        Descriptors.Descriptor envelopeType = schema().findMessageTypeByName("Envelope");
        DynamicMessage m = DynamicMessage.parseFrom(envelopeType, Codecs.protobuf().encode(RandomEnvelopes.vehicleSingle(42)));
        assertEquals(1, get(m, "schema_version"));
        assertEquals("acme", get(m, "tenant"));
        assertEquals("veh-000123", get(m, "device_id"));
        assertEquals("VEHICLE", ((Descriptors.EnumValueDescriptor) get(m, "device_type")).getName());
        assertEquals(42L, get(m, "sequence"));
        assertEquals(1_777_622_400_290_000L, get(m, "sent_at_us")); // 2026-05-01T08:00:00.290Z
        DynamicMessage block = (DynamicMessage) get(m, "samples");
        assertEquals(List.of(-40_000L), get(block, "time_us")); // sample 40 ms before sentAt
        assertEquals(List.of(488_566_123L), get(block, "lat_e7"));
        assertEquals(List.of(23_522_456L), get(block, "lon_e7"));
        assertEquals(List.of(3520L), get(block, "alt_cm"));
        assertEquals(List.of(13_889L), get(block, "speed_mmps"));
        assertEquals(List.of(27_150L), get(block, "heading_cdeg"));
        assertEquals(List.of(412L), get(block, "ax_mmps2"));
        assertEquals(List.of(-118L), get(block, "ay_mmps2"));
        assertEquals(List.of(9803L), get(block, "az_mmps2"));
        assertEquals(List.of(11L), get(block, "satellites"));
        assertEquals(List.of(48_213_457L), get(block, "odometer_m"));
        assertEquals(List.of(1L), get(block, "ignition"));
        assertEquals(0xFFF, get(block, "uniform_presence"));
    }

    @Test
    void compiledDescriptorMatchesTheProtoSource() throws Exception {
        String proto;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ProtobufEnvelopeCodec.PROTO_RESOURCE)) {
            proto = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Integer> declared = new HashMap<>();
        Matcher decl = Pattern.compile("(?m)^\\s*(?:optional |repeated )?[\\w<>, ]+?\\s(\\w+) = (\\d+)").matcher(proto);
        while (decl.find()) declared.put(decl.group(1), Integer.parseInt(decl.group(2)));
        Map<String, Integer> compiled = new HashMap<>();
        for (Descriptors.Descriptor d : schema().getMessageTypes()) {
            for (Descriptors.FieldDescriptor f : d.getFields()) compiled.put(f.getName(), f.getNumber());
        }
        for (Descriptors.EnumValueDescriptor v : schema().findEnumTypeByName("DeviceType").getValues()) {
            compiled.put(v.getName(), v.getNumber());
        }
        assertEquals(declared, compiled, "telemetry.desc is stale: regenerate it with protoc (see class comment)");
    }

    private static Object get(Message m, String field) {
        Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
        assertNotNull(f, field);
        return m.getField(f);
    }

    private static void assertNoUnknownFields(Message m, String where) {
        assertTrue(m.getUnknownFields().asMap().isEmpty(), where + ": unknown fields " + m.getUnknownFields().asMap().keySet()
                + " in " + m.getDescriptorForType().getName());
        for (Map.Entry<Descriptors.FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
            if (f.getKey().getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) continue;
            if (f.getKey().isRepeated()) {
                for (Object o : (List<?>) f.getValue()) assertNoUnknownFields((Message) o, where);
            } else {
                assertNoUnknownFields((Message) f.getValue(), where);
            }
        }
    }
}
