package io.telerisk.agent.nmea;

import java.util.Objects;

/** The outcome of parsing one NMEA line: a sentence, or a rejection with its reason. */
public sealed interface NmeaResult permits NmeaResult.Parsed, NmeaResult.Rejected {

    /** Parsed and usable. */
    record Parsed(NmeaSentence sentence) implements NmeaResult {
        public Parsed {
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    /**
     * Not usable.
     *
     * @param reason counted category
     * @param detail what was wrong, naming the field and value
     */
    record Rejected(NmeaRejectReason reason, String detail) implements NmeaResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
