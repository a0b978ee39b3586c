package io.telerisk.launcher.docs;

import io.telerisk.launcher.docs.DocExamples.Block;
import io.telerisk.launcher.docs.DocExamples.Command;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Plays the shell blocks of one doc with bash, in order, in one working directory, shell variables carrying from
 * block to block as a reader's terminal would. Each block's script has the doc's line numbers (the prelude is line
 * 1, the lines before the block are blank), so every failure is reported as {@code doc:line} of the command. The
 * rules a command is held to are in {@code doc-examples/prelude.sh} and {@link DocExamples}.
 */
final class ShellExamples {
    private static final long BLOCK_TIMEOUT_S = 90;

    private final Path work;
    private final Path dir;
    private final Map<String, String> env;
    private final UnaryOperator<String> placeholders;
    private final Tally tally = new Tally();
    private final List<String> failures = tally.failures;

    /**
     * @param work         the working directory (files the examples write land here)
     * @param env          variables the reader has from the demo's banner (tokens, ...)
     * @param placeholders turns a doc line into what the reader types on this demo (ports, printed passwords)
     */
    ShellExamples(Path work, Map<String, String> env, UnaryOperator<String> placeholders) {
        this.work = work;
        this.dir = work.resolve(".docex");
        this.env = env;
        this.placeholders = placeholders;
        try {
            Files.createDirectories(dir);
            try (InputStream in = ShellExamples.class.getResourceAsStream("/doc-examples/prelude.sh")) {
                Files.write(dir.resolve("prelude.sh"), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tally tally() {
        return tally;
    }

    void play(Block block) {
        if (!tally.play(block)) return;
        List<Command> commands = block.commands();
        String[] lines = block.lines().stream().map(placeholders).toArray(String[]::new);
        for (Command c : commands) {
            Optional<String> expect = c.expectation();
            if (expect.isEmpty()) continue;
            int at = c.first() - block.firstLine();
            lines[at] = (expect.get().equals("failure") ? "docex_fails " : "DOCEX_EXPECT=" + expect.get() + " ") + lines[at];
        }
        StringBuilder script = new StringBuilder("source \"$DOCEX_DIR/prelude.sh\"\n");
        script.append("\n".repeat(block.firstLine() - 2));
        for (String l : lines) script.append(l).append('\n');
        try {
            for (String f : List.of("failures", "calls", "jq-calls")) Files.deleteIfExists(dir.resolve(f));
            Path file = dir.resolve("block.sh");
            Files.writeString(file, script);
            run(block, file);
            checkAnswers(block, commands);
            checkJqKeys(block, commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(Block block, Path script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", script.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile());
        pb.environment().putAll(env);
        pb.environment().put("DOCEX_DIR", dir.toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(BLOCK_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                failures.add(block.where() + ": still running after " + BLOCK_TIMEOUT_S + " s; output: " + tail(dir.resolve("output")));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Set<Integer> reported = new HashSet<>();
        List<String[]> records = records("failures");
        for (String[] f : records) {
            int line = Integer.parseInt(f[0]);
            Command c = commandAt(block, line);
            // the ERR trap's echo of a failure the curl or jq wrapper already explained
            if (c == null && records.size() > 1) continue;
            int first = c == null ? line : c.first();
            if (reported.add(first)) {
                failures.add(block.doc() + ":" + first + ": " + (c == null ? "" : "`" + c.lines().get(0).strip() + "`: ") + f[1]
                        + "\n    output: " + tail(dir.resolve("output")));
            }
        }
        if (reported.isEmpty() && p.exitValue() != 0) {
            failures.add(block.where() + ": bash exited with " + p.exitValue() + ": " + tail(dir.resolve("output")));
        }
    }

    /** Documented answers ({@code # 201 {…}}) against the status and body of the command's last HTTP call. */
    private void checkAnswers(Block block, List<Command> commands) throws IOException {
        List<String[]> calls = records("calls");
        for (Command c : commands) {
            Optional<DocExamples.DocumentedAnswer> doc = c.documentedAnswer();
            if (doc.isEmpty() || c.lines().stream().noneMatch(l -> l.contains("curl "))) continue; // e.g. an MQTT answer
            String[] call = null;
            for (String[] k : calls) if (c.contains(Integer.parseInt(k[0]))) call = k;
            String where = block.doc() + ":" + c.first() + ": ";
            if (call == null) {
                failures.add(where + "documents an answer, but the command made no HTTP call (did it run?)");
                continue;
            }
            int status = Integer.parseInt(call[1]);
            if (doc.get().status() != 0 && doc.get().status() != status) {
                failures.add(where + "documented status " + doc.get().status() + ", the hub answers " + status);
            }
            JsonShape shape;
            try {
                shape = JsonShape.parse(doc.get().json());
            } catch (RuntimeException e) {
                failures.add(where + "the documented answer cannot be read: " + e.getMessage());
                continue;
            }
            Object real = json(Files.readString(Path.of(call[2])));
            if (real == null) {
                failures.add(where + "the hub's answer is not JSON: " + head(Path.of(call[2])));
                continue;
            }
            if (doc.get().itemOfList()) {
                var items = ((io.vertx.core.json.JsonObject) real).getJsonArray("items");
                if (items == null || items.isEmpty()) continue;
                real = items.getValue(0);
            }
            for (String m : JsonShape.mismatches(shape, real)) failures.add(where + "documented answer: " + m);
        }
    }

    /** Every key a jq filter reads is in the answer it read. */
    private void checkJqKeys(Block block, List<Command> commands) throws IOException {
        for (String[] call : records("jq-calls")) {
            String filter = Files.readString(Path.of(call[1] + ".filter"));
            Object input = json(Files.readString(Path.of(call[1] + ".in")));
            if (input == null) continue; // not JSON (a failed call, reported above) or JSON lines
            Set<String> has = JqKeys.of(input);
            List<String> missing = JqKeys.readBy(filter).stream().filter(k -> !has.contains(k)).toList();
            if (missing.isEmpty()) continue;
            int line = Integer.parseInt(call[0]);
            Command c = commandAt(block, line);
            failures.add(block.doc() + ":" + (c == null ? line : c.first()) + ": jq reads " + missing + ", not in the answer (its keys: "
                    + has + ")");
        }
    }

    private static Command commandAt(Block block, int line) {
        for (Command c : block.commands()) if (c.contains(line)) return c;
        return null;
    }

    private List<String[]> records(String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) return List.of();
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).map(l -> l.split("\t", 3)).toList();
    }

    private static Object json(String text) {
        if (text.isBlank()) return null;
        try {
            return Json.decodeValue(text);
        } catch (DecodeException notOneValue) {
            return null;
        }
    }

    private static String head(Path f) throws IOException {
        String s = Files.readString(f);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String tail(Path f) {
        try {
            String s = Files.exists(f) ? Files.readString(f) : "";
            return s.length() > 600 ? "…" + s.substring(s.length() - 600) : s;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
