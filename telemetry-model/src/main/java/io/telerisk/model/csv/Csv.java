package io.telerisk.model.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's one CSV reader (Apache Commons CSV underneath), for what real exports contain: a UTF-8 byte order
 * mark (Excel's "CSV UTF-8"), UTF-16 with its mark (Excel's "Unicode text"), a declared legacy charset such as GBK
 * (Chinese Excel's plain "CSV"), {@code ;} as separator with decimal commas, tabs, quoted fields holding separators,
 * quotes ({@code ""}) and line breaks, CRLF or LF line ends, and blank lines. The separator is detected from the
 * first line. Every refusal is a {@link CsvFormatException} naming the line (and column where one is at fault);
 * {@link CsvLimits} bound the size.
 */
public final class Csv {
    private static final Pattern LINE_IN_ERROR = Pattern.compile("\\((?:start)?line (\\d+)\\)");

    private Csv() {
    }

    /** Reads a file with a header row; {@code charset} null means UTF-8 unless the file starts with a byte order mark. */
    public static CsvTable readTable(Path file, Charset charset, CsvLimits limits) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxBytes()) throw tooLarge(size, limits);
        return readTable(Files.readAllBytes(file), charset, limits);
    }

    /** Reads bytes with a header row; {@code charset} null means UTF-8 unless they start with a byte order mark. */
    public static CsvTable readTable(byte[] bytes, Charset charset, CsvLimits limits) {
        Parsed p = parse(bytes, charset, limits);
        if (p.lines.isEmpty()) throw new CsvFormatException(0, null, "empty file: expected a header row");
        CsvLine head = p.lines.get(0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < head.size(); i++) {
            String name = head.get(i);
            if (name.isBlank()) throw new CsvFormatException(head.line(), String.valueOf(i + 1), "blank column name in the header");
            if (!seen.add(name)) throw new CsvFormatException(head.line(), name, "column name appears twice in the header");
        }
        List<CsvLine> rows = p.lines.subList(1, p.lines.size());
        for (CsvLine r : rows) {
            if (r.size() != head.size()) {
                throw new CsvFormatException(r.line(), null, r.size() + " fields, the header has " + head.size()
                        + " (file read as " + p.dialect.describe() + "; a field holding the separator must be in double quotes)");
            }
        }
        return new CsvTable(p.dialect, head.fields(), rows);
    }

    /** Reads records without treating the first as a header (the caller decides); blank lines are left out. */
    public static Records readRecords(byte[] bytes, Charset charset, CsvLimits limits) {
        Parsed p = parse(bytes, charset, limits);
        return new Records(p.dialect, p.lines);
    }

    /** Reads records of a file without treating the first as a header; blank lines are left out. */
    public static Records readRecords(Path file, Charset charset, CsvLimits limits) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxBytes()) throw tooLarge(size, limits);
        return readRecords(Files.readAllBytes(file), charset, limits);
    }

    /**
     * Records of a file read without a header.
     *
     * @param dialect the separator and decimal mark detected
     * @param lines   the records in file order, each with its line
     */
    public record Records(CsvDialect dialect, List<CsvLine> lines) {
        public Records {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The charset named in a request or on a command line ({@code GBK}, {@code gb18030}, {@code windows-1252}…),
     * null for null, or a {@link CsvFormatException} for a name Java does not know.
     */
    public static Charset charset(String name) {
        if (name == null || name.isBlank()) return null;
        String n = name.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) n = n.substring(1, n.length() - 1);
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new CsvFormatException(0, null, "unknown charset '" + shown(name) + "' (use e.g. UTF-8, GBK, GB18030, windows-1252)");
        }
    }

    /** The {@code charset} parameter of a Content-Type header such as {@code text/csv; charset=GBK}, or null. */
    public static Charset charsetOfContentType(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) return charset(p.substring(eq + 1));
        }
        return null;
    }

    private record Parsed(CsvDialect dialect, List<CsvLine> lines) {
    }

    private static Parsed parse(byte[] bytes, Charset declared, CsvLimits limits) {
        if (bytes.length > limits.maxBytes()) throw tooLarge(bytes.length, limits);
        String text = decode(bytes, declared);
        int eol = text.indexOf('\n');
        CsvDialect dialect = CsvDialect.detect(eol < 0 ? text : text.substring(0, eol));
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(dialect.separator()).setQuote('"')
                .setIgnoreEmptyLines(false).setTrim(true).build();
        List<CsvLine> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                // the lexer has consumed every line before the next record: that record starts on the following one
                int start = (int) parser.getCurrentLineNumber() + 1;
                if (!next(it, start)) break;
                CSVRecord r = it.next();
                if (r.size() == 1 && r.get(0).isEmpty()) continue;
                if (r.size() > limits.maxColumns()) throw new CsvFormatException(start, null, r.size() + " fields, more than the " + limits.maxColumns() + " a record may have");
                List<String> fields = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    String v = r.get(i);
                    if (v.length() > limits.maxFieldChars()) throw new CsvFormatException(start, String.valueOf(i + 1), v.length() + " characters, more than the " + limits.maxFieldChars() + " a field may have");
                    fields.add(v);
                }
                if (out.size() > limits.maxRecords()) throw new CsvFormatException(start, null, "more than the " + limits.maxRecords() + " records a file may have");
                out.add(new CsvLine(start, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(dialect, out);
    }

    private static boolean next(Iterator<CSVRecord> it, int start) {
        try {
            return it.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            Matcher at = LINE_IN_ERROR.matcher(m);
            int line = at.find() ? Integer.parseInt(at.group(1)) : start;
            if (m.contains("EOF reached before encapsulated token finished")) {
                throw new CsvFormatException(start, null, "a quoted field opened here is never closed (a '\"' is missing)");
            }
            if (m.contains("Invalid char between encapsulated token and delimiter")) {
                throw new CsvFormatException(line, null, "text after a closing quote (inside a quoted field write a quote as \"\")");
            }
            throw new CsvFormatException(line, null, "unreadable CSV: " + shown(m));
        }
    }

    /**
     * The text of bytes as this reader decodes them, for inputs that may be CSV or something else (JSON): a byte order
     * mark (UTF-8, UTF-16 LE/BE) wins and is dropped, else {@code declared}, else UTF-8. Bytes that are not valid in
     * that charset are a {@link CsvFormatException} naming the line and the bytes.
     */
    public static String text(byte[] bytes, Charset declared) {
        return decode(bytes, declared);
    }

    private static String decode(byte[] b, Charset declared) {
        Charset cs = declared == null ? StandardCharsets.UTF_8 : declared;
        int skip = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, skip, b.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((b.length - skip) * (double) d.maxCharsPerByte()) + 16);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = skip; i < at; i++) if (b[i] == '\n') line++;
            StringBuilder bad = new StringBuilder();
            for (int i = at; i < Math.min(b.length, at + Math.max(1, r.length())); i++) bad.append(String.format(" 0x%02X", b[i] & 0xff));
            throw new CsvFormatException(line, null, "not valid " + cs.name() + " text (byte" + (r.length() > 1 ? "s" : "") + bad
                    + (declared == null ? "); save the file as CSV UTF-8 or declare its charset (charset=GBK for a CSV from Chinese Excel)" : ")"));
        }
        out.flip();
        return out.toString();
    }

    private static CsvFormatException tooLarge(long size, CsvLimits limits) {
        return new CsvFormatException(0, null, size + " bytes, more than the " + limits.maxBytes() + " a CSV file may have");
    }

    /** {@code s} for a message: control characters escaped, at most 60 characters. */
    static String shown(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.length() < s.length() ? b + "…" : b.toString();
    }
}
