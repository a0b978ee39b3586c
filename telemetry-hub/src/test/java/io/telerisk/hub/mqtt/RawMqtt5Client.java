package io.telerisk.hub.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An MQTT 5 client written byte by byte over a plain socket, for abuse tests: it sends what well-behaved client
 * libraries refuse to send (packets above the announced Maximum Packet Size, retained messages where retain is not
 * available, no keep-alive at all, nothing at all) and reads the server's reason codes as they are on the wire.
 */
final class RawMqtt5Client implements AutoCloseable {
    static final int CONNACK = 2, PUBLISH = 3, PUBACK = 4, PUBREC = 5, SUBACK = 9, PINGRESP = 13, DISCONNECT = 14;

    /** One packet from the server: its type, its first reason code (0 when absent) and its properties. */
    record Packet(int type, int packetId, int reasonCode, Map<Integer, Object> properties) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawMqtt5Client(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends CONNECT (clean start, MQTT 5) and returns the CONNACK. */
    Packet connect(String clientId, String username, String password, int keepAliveSeconds) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "MQTT");
        b.write(5);
        b.write(0xC2); // user name, password, clean start
        b.write(keepAliveSeconds >> 8);
        b.write(keepAliveSeconds & 0xFF);
        varint(b, 0); // no properties
        string(b, clientId);
        string(b, username);
        string(b, password);
        send(0x10, b.toByteArray());
        return read(Duration.ofSeconds(20));
    }

    /** Sends PUBLISH (no properties). */
    void publish(String topic, byte[] payload, int qos, boolean retain, int packetId) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, topic);
        if (qos > 0) {
            b.write(packetId >> 8);
            b.write(packetId & 0xFF);
        }
        varint(b, 0);
        b.write(payload);
        send(0x30 | (qos << 1) | (retain ? 1 : 0), b.toByteArray());
    }

    /** Sends PINGREQ. */
    void ping() throws IOException {
        send(0xC0, new byte[0]);
    }

    /** The next packet, or null when the server closed the connection. Fails when nothing comes within {@code wait}. */
    Packet read(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no packet from the server within " + wait);
        } catch (IOException e) {
            return null; // reset by the server
        }
        if (first < 0) return null;
        int length = readVarint(in);
        byte[] body = new byte[length];
        in.readFully(body);
        int type = first >> 4;
        return switch (type) {
            case CONNACK -> new Packet(type, 0, body[1] & 0xFF, properties(body, 2));
            case PUBACK, PUBREC -> new Packet(type, ((body[0] & 0xFF) << 8) | (body[1] & 0xFF),
                    body.length > 2 ? body[2] & 0xFF : 0, body.length > 3 ? properties(body, 3) : Map.of());
            case SUBACK -> new Packet(type, ((body[0] & 0xFF) << 8) | (body[1] & 0xFF), body[body.length - 1] & 0xFF, Map.of());
            case DISCONNECT -> new Packet(type, 0, body.length > 0 ? body[0] & 0xFF : 0, body.length > 1 ? properties(body, 1) : Map.of());
            default -> new Packet(type, 0, 0, Map.of());
        };
    }

    /** Reads packets until one of {@code type} arrives (returned), or the connection closes (null). */
    Packet readUntil(int type, Duration wait) throws IOException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
            Packet p = read(Duration.ofMillis(left));
            if (p == null || p.type() == type) return p;
        }
    }

    /** Whether the server closed the connection within {@code wait} (reading and discarding whatever comes first). */
    boolean closedWithin(Duration wait) throws IOException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            try {
                socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
                if (in.read() < 0) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void send(int firstByte, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(firstByte);
        varint(b, body.length);
        b.write(body);
        out.write(b.toByteArray());
        out.flush();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes.length >> 8);
        b.write(bytes.length & 0xFF);
        b.write(bytes, 0, bytes.length);
    }

    private static void varint(ByteArrayOutputStream b, int value) {
        do {
            int digit = value % 128;
            value /= 128;
            b.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    private static int readVarint(InputStream in) throws IOException {
        int value = 0, multiplier = 1, digit;
        do {
            digit = in.read();
            if (digit < 0) throw new EOFException();
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return value;
    }

    /** MQTT 5 properties from {@code at} (length first): integers by id, strings for reason string and client id. */
    private static Map<Integer, Object> properties(byte[] body, int at) {
        Map<Integer, Object> props = new HashMap<>();
        int[] pos = {at};
        int length = varintAt(body, pos);
        int end = pos[0] + length;
        while (pos[0] < end) {
            int id = body[pos[0]++] & 0xFF;
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> props.put(id, body[pos[0]++] & 0xFF);
                case 0x13, 0x21, 0x22 -> {
                    props.put(id, ((body[pos[0]] & 0xFF) << 8) | (body[pos[0] + 1] & 0xFF));
                    pos[0] += 2;
                }
                case 0x02, 0x11, 0x27 -> {
                    props.put(id, ((body[pos[0]] & 0xFF) << 24) | ((body[pos[0] + 1] & 0xFF) << 16)
                            | ((body[pos[0] + 2] & 0xFF) << 8) | (body[pos[0] + 3] & 0xFF));
                    pos[0] += 4;
                }
                case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> {
                    int n = ((body[pos[0]] & 0xFF) << 8) | (body[pos[0] + 1] & 0xFF);
                    props.put(id, new String(body, pos[0] + 2, n, StandardCharsets.UTF_8));
                    pos[0] += 2 + n;
                }
                case 0x26 -> { // user property: two strings, skipped
                    for (int i = 0; i < 2; i++) {
                        int n = ((body[pos[0]] & 0xFF) << 8) | (body[pos[0] + 1] & 0xFF);
                        pos[0] += 2 + n;
                    }
                }
                default -> throw new AssertionError("property 0x" + Integer.toHexString(id) + " not understood by this test client");
            }
        }
        return props;
    }

    private static int varintAt(byte[] b, int[] pos) {
        int value = 0, multiplier = 1, digit;
        do {
            digit = b[pos[0]++] & 0xFF;
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return value;
    }
}
