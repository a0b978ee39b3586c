package io.telerisk.agri.scene;

import io.telerisk.agri.scene.SceneReadException.Reason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A TIFF file's header and first image file directory (classic TIFF or BigTIFF, either byte order), with its tag
 * values read inline or out of line on demand. Every count and offset is checked against the file's length before it
 * is read or allocated, so a hostile file is a {@link SceneReadException}, never a huge allocation.
 * {@link GeoTiffBand} interprets the tags.
 */
final class TiffDirectory {
    private record Field(int type, long count, long valueOrOffset, boolean inline, byte[] inlineBytes) {
    }

    private final Path path;
    private final FileChannel ch;
    private final ByteOrder order;
    private final Map<Integer, Field> fields;
    private final long size;

    private TiffDirectory(Path path, FileChannel ch, ByteOrder order, Map<Integer, Field> fields, long size) {
        this.path = path;
        this.ch = ch;
        this.order = order;
        this.fields = fields;
        this.size = size;
    }

    /** Reads the header and the first IFD's entries (not yet their out-of-line values). */
    static TiffDirectory read(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 16) throw new SceneReadException(Reason.TRUNCATED, path, "file is " + size + " bytes, too short for a TIFF header", null);
        ByteBuffer h = readBytes(ch, 0, 16, ByteOrder.LITTLE_ENDIAN);
        byte b0 = h.get(0), b1 = h.get(1);
        ByteOrder order;
        if (b0 == 'I' && b1 == 'I') order = ByteOrder.LITTLE_ENDIAN;
        else if (b0 == 'M' && b1 == 'M') order = ByteOrder.BIG_ENDIAN;
        else throw corrupt(path, "not a TIFF file (bad byte-order mark)");
        h.order(order);
        int magic = h.getShort(2) & 0xFFFF;
        boolean big;
        long ifd;
        if (magic == 42) {
            big = false;
            ifd = h.getInt(4) & 0xFFFFFFFFL;
        } else if (magic == 43) {
            big = true;
            if ((h.getShort(4) & 0xFFFF) != 8) throw corrupt(path, "BigTIFF with unsupported offset size");
            ifd = h.getLong(8);
        } else {
            throw corrupt(path, "not a TIFF file (magic " + magic + ")");
        }
        int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, valueSize = big ? 8 : 4;
        if (ifd < 8 || ifd + countSize > size) throw new SceneReadException(Reason.TRUNCATED, path, "first IFD at " + ifd + " is beyond the end of the file (" + size + " bytes)", null);
        ByteBuffer cb = readBytes(ch, ifd, countSize, order);
        long n = big ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (n <= 0 || n > 4096) throw corrupt(path, "implausible IFD entry count " + n);
        if (ifd + countSize + n * entrySize > size) throw new SceneReadException(Reason.TRUNCATED, path, "IFD runs past the end of the file", null);
        ByteBuffer eb = readBytes(ch, ifd + countSize, (int) (n * entrySize), order);
        Map<Integer, Field> fields = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int base = i * entrySize;
            int tag = eb.getShort(base) & 0xFFFF;
            int type = eb.getShort(base + 2) & 0xFFFF;
            long count = big ? eb.getLong(base + 4) : eb.getInt(base + 4) & 0xFFFFFFFFL;
            int vpos = base + (big ? 12 : 8);
            long bytes = count * typeSize(type);
            byte[] inl = new byte[valueSize];
            eb.get(vpos, inl);
            long v = big ? eb.getLong(vpos) : eb.getInt(vpos) & 0xFFFFFFFFL;
            fields.put(tag, new Field(type, count, v, bytes <= valueSize, inl));
        }
        return new TiffDirectory(path, ch, order, fields, size);
    }

    static SceneReadException corrupt(Path p, String d) {
        return new SceneReadException(Reason.CORRUPT, p, d, null);
    }

    ByteOrder order() {
        return order;
    }

    /** The file's length in bytes. */
    long size() {
        return size;
    }

    boolean has(int tag) {
        return fields.containsKey(tag);
    }

    long scalar(int tag, long dflt) throws IOException {
        long[] a = array(tag);
        return a == null || a.length == 0 ? dflt : a[0];
    }

    private ByteBuffer bytes(Field f) throws IOException {
        long len = f.count * typeSize(f.type);
        if (len > 64L * 1024 * 1024) throw corrupt(path, "tag value of " + len + " bytes");
        if (f.inline) return ByteBuffer.wrap(f.inlineBytes).order(order);
        if (f.valueOrOffset + len > size) throw new SceneReadException(Reason.TRUNCATED, path, "tag data at " + f.valueOrOffset + " is past the end of the file", null);
        return readBytes(ch, f.valueOrOffset, (int) len, order);
    }

    long[] array(int tag) throws IOException {
        Field f = fields.get(tag);
        if (f == null) return null;
        ByteBuffer b = bytes(f);
        long[] out = new long[(int) f.count];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (f.type) {
                case 1, 7 -> b.get(i) & 0xFF;
                case 3 -> b.getShort(2 * i) & 0xFFFF;
                case 4 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case 16 -> b.getLong(8 * i);
                default -> throw corrupt(path, "tag " + tag + " has non-integer type " + f.type);
            };
        }
        return out;
    }

    String ascii(int tag) throws IOException {
        Field f = fields.get(tag);
        if (f == null) return null;
        if (f.type != 2) throw corrupt(path, "tag " + tag + " is not ASCII");
        ByteBuffer b = bytes(f);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        int n = a.length;
        while (n > 0 && a[n - 1] == 0) n--;
        return new String(a, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    double[] doubles(int tag) throws IOException {
        Field f = fields.get(tag);
        if (f == null) return null;
        if (f.type != 12) throw corrupt(path, "tag " + tag + " is not DOUBLE");
        ByteBuffer b = bytes(f);
        double[] out = new double[(int) f.count];
        for (int i = 0; i < out.length; i++) out[i] = b.getDouble(8 * i);
        return out;
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 1;
        };
    }

    private static ByteBuffer readBytes(FileChannel ch, long pos, int len, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) throw new IOException("unexpected end of file at " + (pos + b.position()));
        }
        b.flip();
        return b.order(order);
    }
}
