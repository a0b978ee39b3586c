package io.telerisk.agent.nmea;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads NMEA lines from a stream (a capture file, or a serial device such as {@code /dev/ttyUSB0} opened as a
 * file), parses them and hands fused fixes and rejections to a listener, counting each rejection reason.
 * Lines are cut at {@link NmeaParser#MAX_LINE_CHARS} so hostile input cannot grow memory.
 */
public final class NmeaReader {

    /** Receives the reader's output, in input order. */
    public interface Listener {
        /** A fused fix. */
        void onFix(NmeaFix fix);

        /** A rejected line, 1-based line number, with the reason and the raw line (cut to a sane length). */
        void onRejected(long lineNumber, NmeaRejectReason reason, String detail, String line);
    }

    private final NmeaParser parser = new NmeaParser();
    private final EpochFuser fuser;
    private final Listener listener;
    private final Map<NmeaRejectReason, Long> rejected = new EnumMap<>(NmeaRejectReason.class);
    private long lines;
    private long fixes;

    /**
     * @param fallbackDate date for GGA-only epochs before the first RMC, or {@code null} to drop them
     * @param listener     receives fixes and rejections
     */
    public NmeaReader(LocalDate fallbackDate, Listener listener) {
        this(fallbackDate, GpsWeekRollover.standard(), listener);
    }

    /**
     * @param fallbackDate date for GGA-only epochs before the first RMC, or {@code null} to drop them
     * @param rollover     how RMC dates are corrected for the GPS week-number rollover
     * @param listener     receives fixes and rejections
     */
    public NmeaReader(LocalDate fallbackDate, GpsWeekRollover rollover, Listener listener) {
        this.fuser = new EpochFuser(fallbackDate, rollover);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** RMC dates moved forward for the GPS week-number rollover so far. */
    public long rolloverCorrections() {
        return fuser.rolloverCorrections();
    }

    /** Reads until end of stream, then completes the last epoch. Does not close the stream. */
    public void readAll(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        StringBuilder line = new StringBuilder(128);
        boolean overlong = false;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = (char) (buf[i] & 0xff);
                if (c == '\n') {
                    acceptLine(line.toString(), overlong);
                    line.setLength(0);
                    overlong = false;
                } else if (line.length() <= NmeaParser.MAX_LINE_CHARS) {
                    line.append(c);
                } else {
                    overlong = true;
                }
            }
        }
        if (!line.isEmpty()) acceptLine(line.toString(), overlong);
        fuser.flush().ifPresent(this::emit);
    }

    /** Feeds one line (for callers that already split lines). */
    public void acceptLine(String raw, boolean overlong) {
        lines++;
        if (raw.isBlank() && !overlong) return; // blank lines between bursts are not sentences
        NmeaResult r = overlong
                ? new NmeaResult.Rejected(NmeaRejectReason.INVALID_FIELD, "line longer than " + NmeaParser.MAX_LINE_CHARS + " characters")
                : parser.parse(raw);
        if (r instanceof NmeaResult.Parsed p) {
            fuser.accept(p.sentence()).ifPresent(this::emit);
        } else if (r instanceof NmeaResult.Rejected x) {
            rejected.merge(x.reason(), 1L, Long::sum);
            String shown = raw.strip();
            if (shown.length() > 100) shown = shown.substring(0, 100) + "...";
            listener.onRejected(lines, x.reason(), x.detail(), shown);
        }
    }

    private void emit(NmeaFix fix) {
        fixes++;
        listener.onFix(fix);
    }

    /** Lines read so far. */
    public long lines() {
        return lines;
    }

    /** Fixes emitted so far. */
    public long fixes() {
        return fixes;
    }

    /** Rejections by reason so far (a copy). */
    public Map<NmeaRejectReason, Long> rejectedByReason() {
        return new EnumMap<>(rejected);
    }
}
