package io.telerisk.hub.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What the spool keeps of an accepted message: the raw payload with its topic and content type, so replay
 * decodes it again with the same codec. Format version 1: {@code [byte 1][utf topic][utf contentType]
 * [utf source][long receivedAtMillis][int n][n bytes]}.
 */
record SpoolRecord(String topic, String contentType, String source, Instant receivedAt, byte[] payload) {
    private static final byte VERSION = 1;

    byte[] encode() {
        var bytes = new ByteArrayOutputStream(payload.length + topic.length() + 64);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(topic);
            out.writeUTF(contentType);
            out.writeUTF(source == null ? "" : source);
            out.writeLong(receivedAt.toEpochMilli());
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a byte array
        }
        return bytes.toByteArray();
    }

    /** Decodes a record; throws IllegalArgumentException naming the problem for bytes that are not one. */
    static SpoolRecord decode(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte v = in.readByte();
            if (v != VERSION) throw new IllegalArgumentException("unknown spool record version " + v);
            String topic = in.readUTF();
            String ct = in.readUTF();
            String source = in.readUTF();
            Instant at = Instant.ofEpochMilli(in.readLong());
            int n = in.readInt();
            if (n < 0 || n > bytes.length) throw new IllegalArgumentException("impossible payload length " + n);
            byte[] payload = in.readNBytes(n);
            if (payload.length != n) throw new IllegalArgumentException("truncated payload");
            return new SpoolRecord(topic, ct, source, at, payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable spool record: " + e.getMessage(), e);
        }
    }
}
