package io.telerisk.agent.nmea;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads a committed NMEA capture the way the agent does and keeps its fixes (the rejections are NmeaReaderTest's). */
final class Captures {
    private Captures() {
    }

    /** The fixes of class-path capture {@code resource}, decoded by the reader {@code readerFor} makes. */
    static List<NmeaFix> fixes(String resource, Function<NmeaReader.Listener, NmeaReader> readerFor) throws IOException {
        List<NmeaFix> fixes = new ArrayList<>();
        try (InputStream in = Captures.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            readerFor.apply(new NmeaReader.Listener() {
                @Override
                public void onFix(NmeaFix fix) {
                    fixes.add(fix);
                }

                @Override
                public void onRejected(long lineNumber, NmeaRejectReason reason, String detail, String line) {
                    // comments, binary and other sentences: counted by NmeaReaderTest, not compared here
                }
            }).readAll(in);
        }
        return fixes;
    }
}
