package io.telerisk.agent.nmea;

/** Why an NMEA line did not become part of a fix. Each reason is counted separately. */
public enum NmeaRejectReason {
    /** The {@code *hh} checksum does not match the XOR of the sentence body. */
    BAD_CHECKSUM,
    /** The line stops early: no checksum, or fewer fields than the sentence type requires. */
    TRUNCATED,
    /** A well-formed sentence of a type or talker this parser does not read (GSV, GSA, TXT, ...). */
    UNKNOWN_SENTENCE,
    /** A field that cannot be parsed or is out of range (latitude 95°, minutes 61, letters in a number). */
    INVALID_FIELD,
    /** The receiver says it has no fix: RMC status V, GGA quality 0, VTG mode N. */
    NO_FIX
}
