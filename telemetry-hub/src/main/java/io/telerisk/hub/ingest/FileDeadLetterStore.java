package io.telerisk.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telerisk.model.codec.RejectReason;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * Dead letters as JSON lines in {@code dir/dead-letters.jsonl}, rotated to {@code dead-letters.1.jsonl} ...
 * {@code dead-letters.N.jsonl} at a size bound, so the disk use is bounded by {@code maxFileBytes * (maxFiles+1)}.
 * One line: {@code {"receivedAt","reason","detail","topic","source","contentType","payloadBytes",
 * "payloadTruncated","payloadBase64"}}; the payload is base64 of at most {@link DeadLetter#MAX_PAYLOAD_BYTES}.
 * Lines are written and flushed per batch but not fsynced: a crash may lose the last dead letters, never
 * accepted telemetry.
 */
public final class FileDeadLetterStore implements DeadLetterStore {
    private static final Logger LOG = Logger.getLogger(FileDeadLetterStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Path current;
    private final long maxFileBytes;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    private FileDeadLetterStore(Path dir, long maxFileBytes, int maxFiles) {
        this.dir = dir;
        this.current = dir.resolve("dead-letters.jsonl");
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
    }

    /** Opens (creating) the store in {@code dir}. */
    public static FileDeadLetterStore open(Path dir, long maxFileBytes, int maxFiles) throws IOException {
        if (maxFileBytes < 1024) throw new IllegalArgumentException("maxFileBytes must be >= 1024");
        if (maxFiles < 1) throw new IllegalArgumentException("maxFiles must be >= 1");
        io.telerisk.hub.spool.PrivateFiles.createDirectory(dir);
        FileDeadLetterStore s = new FileDeadLetterStore(dir, maxFileBytes, maxFiles);
        s.openCurrent();
        return s;
    }

    /** Opens the store where the ingest configuration says. */
    public static FileDeadLetterStore open(IngestConfig cfg) throws IOException {
        return open(cfg.deadLetterDir(), cfg.deadLetterMaxFileBytes(), cfg.deadLetterMaxFiles());
    }

    private void openCurrent() throws IOException {
        io.telerisk.hub.spool.PrivateFiles.createFile(current);
        out = Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(current);
    }

    @Override
    public synchronized void append(List<DeadLetter> deadLetters) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (DeadLetter d : deadLetters) sb.append(toJson(d)).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxFileBytes) rotate();
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(rotated(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(current, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        openCurrent();
    }

    private Path rotated(int i) {
        return dir.resolve("dead-letters." + i + ".jsonl");
    }

    @Override
    public synchronized List<DeadLetter> recent(int limit) throws IOException {
        List<DeadLetter> result = new ArrayList<>();
        for (int i = 0; i <= maxFiles && result.size() < limit; i++) {
            Path p = i == 0 ? current : rotated(i);
            if (!Files.exists(p)) continue;
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            for (int j = lines.size() - 1; j >= 0 && result.size() < limit; j--) {
                String line = lines.get(j);
                if (line.isBlank()) continue;
                try {
                    result.add(fromJson(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    LOG.fine("skipping an unreadable dead-letter line in " + p);
                }
            }
        }
        return Collections.unmodifiableList(result);
    }

    static String toJson(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("receivedAt", d.receivedAt().toString());
        n.put("reason", d.reason().name());
        n.put("detail", d.detail());
        n.put("topic", d.topic());
        n.put("source", d.source());
        if (d.contentType() != null) n.put("contentType", d.contentType());
        n.put("payloadBytes", d.payloadBytes());
        n.put("payloadTruncated", d.payloadTruncated());
        n.put("payloadBase64", Base64.getEncoder().encodeToString(d.payload()));
        return n.toString();
    }

    static DeadLetter fromJson(JsonNode n) {
        return new DeadLetter(Instant.parse(n.get("receivedAt").asText()), RejectReason.valueOf(n.get("reason").asText()),
                n.get("detail").asText(), n.path("topic").asText(""), n.path("source").asText(""),
                n.hasNonNull("contentType") ? n.get("contentType").asText() : null, n.path("payloadBytes").asInt(),
                n.path("payloadTruncated").asBoolean(), Base64.getDecoder().decode(n.path("payloadBase64").asText("")));
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
