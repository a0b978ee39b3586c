package io.telerisk.launcher.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples of a markdown document: its fenced {@code sh}, {@code bash} and {@code json} blocks, each with the
 * line it starts on and the marker that may precede it. The convention (docs/README.md):
 * <ul>
 *   <li>{@code <!-- example: skip REASON -->} on the line before a fence: the block is not played, and the reason is
 *   listed by the test;</li>
 *   <li>{@code # expect NNN} in the shell comment ending a command: its HTTP answer must be exactly NNN (an error the
 *   doc shows on purpose); {@code # expect failure}: the command must fail (e.g. a refused MQTT login);</li>
 *   <li>comment lines after a command that start with a JSON value ({@code # {…}}, {@code # 201 {…}},
 *   {@code # items: {…}}): the documented answer, compared by shape with the real one.</li>
 * </ul>
 */
final class DocExamples {
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*example:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern EXPECT = Pattern.compile("\\bexpect (\\d{3}|failure)\\b");

    private DocExamples() {
    }

    /** A fenced block: its language, its first body line (1-based, in the file) and its lines. */
    record Block(Path doc, String language, int firstLine, List<String> lines, Optional<String> skipReason) {
        boolean isShell() {
            return language.equals("sh") || language.equals("bash");
        }

        String where() {
            return doc + ":" + firstLine;
        }

        String text() {
            return String.join("\n", lines);
        }

        /** The commands of a shell block (continued lines joined), with their documented answers. */
        List<Command> commands() {
            List<Command> out = new ArrayList<>();
            Scanner scan = new Scanner();
            int i = 0;
            while (i < lines.size()) {
                String l = lines.get(i);
                if (l.isBlank() || l.stripLeading().startsWith("#")) {
                    i++;
                    continue;
                }
                int start = i;
                List<String> comments = new ArrayList<>();
                while (true) {
                    boolean more = scan.line(lines.get(i));
                    comments.add(scan.comment);
                    if (!more || i == lines.size() - 1) break;
                    i++;
                }
                int end = i++;
                List<String> answer = new ArrayList<>();
                while (i < lines.size() && lines.get(i).stripLeading().startsWith("#")) answer.add(lines.get(i++).stripLeading().substring(1));
                out.add(new Command(firstLine + start, firstLine + end, lines.subList(start, end + 1), comments, answer));
            }
            return out;
        }
    }

    /** Reads shell lines one by one, keeping quoting and heredocs across lines, to find where a command ends. */
    private static final class Scanner {
        private char quote;           // 0, '\'' or '"'
        private String heredoc;       // the end word of an open heredoc
        String comment;               // the comment of the last line read, or null

        /** Reads a line; true when the command goes on to the next one. */
        boolean line(String line) {
            comment = null;
            if (heredoc != null) {
                if (line.strip().equals(heredoc)) heredoc = null;
                return heredoc != null;
            }
            StringBuilder code = new StringBuilder();
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (quote == '\'') {
                    if (c == '\'') quote = 0;
                } else if (quote == '"') {
                    if (c == '\\') k++;
                    else if (c == '"') quote = 0;
                } else {
                    if (c == '\\') {
                        k++;
                        code.append(c);
                        continue;
                    }
                    if (c == '#' && (k == 0 || Character.isWhitespace(line.charAt(k - 1)))) {
                        comment = line.substring(k + 1);
                        break;
                    }
                    if (c == '\'' || c == '"') quote = c;
                }
                code.append(c);
            }
            if (quote != 0) return true;
            Matcher here = Pattern.compile("<<-?'?(\\w+)'?").matcher(code);
            if (here.find()) {
                heredoc = here.group(1);
                return true;
            }
            String t = code.toString().stripTrailing();
            return t.endsWith("\\") || t.endsWith("|") || t.endsWith("&&") || t.endsWith("||");
        }
    }

    /**
     * A command of a shell block, lines {@code first..last} of the file, and the comment lines after it.
     *
     * @param comments      the shell comment ending each line of the command (null where none)
     * @param answerComment the comment lines after the command, without their {@code #}
     */
    record Command(int first, int last, List<String> lines, List<String> comments, List<String> answerComment) {
        /** {@code NNN} or {@code failure} when the command carries {@code # expect …}. */
        Optional<String> expectation() {
            for (String c : comments) {
                if (c == null) continue;
                Matcher m = EXPECT.matcher(c);
                if (m.find()) return Optional.of(m.group(1));
            }
            return Optional.empty();
        }

        /** The documented answer, e.g. {@code 201 {"planId":…}}: the status (or 0) and the JSON text, if any. */
        Optional<DocumentedAnswer> documentedAnswer() {
            if (answerComment.isEmpty()) return Optional.empty();
            String first = answerComment.get(0).strip();
            Matcher m = Pattern.compile("^(?:(\\d{3})\\s+)?(items:\\s*)?([{\\[].*)$").matcher(first);
            if (!m.matches()) return Optional.empty();
            StringBuilder text = new StringBuilder(m.group(3));
            for (int k = 1; k < answerComment.size(); k++) {
                String next = answerComment.get(k);
                // a continuation is indented under the first line's JSON
                if (!next.startsWith("  ") || next.strip().startsWith("(")) break;
                text.append(next.strip());
            }
            return Optional.of(new DocumentedAnswer(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)), m.group(2) != null,
                    text.toString()));
        }

        boolean contains(int line) {
            return line >= first && line <= last;
        }
    }

    /** An answer shown in a doc: its status (0 when not shown), whether it is one of {@code items}, its JSON text. */
    record DocumentedAnswer(int status, boolean itemOfList, String json) {
    }

    static List<Block> read(Path root, String doc) {
        try {
            return parse(Path.of(doc), Files.readAllLines(root.resolve(doc)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc, e);
        }
    }

    static List<Block> parse(Path doc, List<String> lines) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches() || open.group(1).isEmpty()) continue;
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).startsWith("```")) close++;
            Optional<String> skip = Optional.empty();
            if (i > 0) {
                Matcher marker = MARKER.matcher(lines.get(i - 1));
                if (marker.matches()) {
                    String m = marker.group(1);
                    if (!m.startsWith("skip ")) throw new IllegalArgumentException(doc + ":" + i + ": unknown example marker '" + m
                            + "' (known: skip REASON)");
                    skip = Optional.of(m.substring(5).strip());
                }
            }
            String lang = open.group(1);
            if (lang.equals("sh") || lang.equals("bash") || lang.equals("json")) {
                out.add(new Block(doc, lang, i + 2, List.copyOf(lines.subList(i + 1, close)), skip));
            }
            i = close;
        }
        return out;
    }
}
