package io.telerisk.model.codec;

/** Why a message was not accepted. Each reason has its own counter in the hub. */
public enum RejectReason {
    /** Not parseable in the declared encoding. */
    MALFORMED,
    /** A required field is absent. */
    MISSING_FIELD,
    /** Schema version this code does not read. */
    SCHEMA_VERSION,
    /** A value outside its physical or declared range. */
    OUT_OF_RANGE,
    /** NaN or infinity where a number is required. */
    NOT_A_NUMBER,
    /** A timestamp too far ahead of the receiver's clock. */
    FUTURE_TIMESTAMP,
    /** A timestamp before the device was registered (or before the platform epoch). */
    BEFORE_DEVICE_EXISTED,
    /** A sequence number the device cannot legitimately send again (reset or far below its history). */
    SEQUENCE_REGRESSION,
    /** Payload or batch larger than allowed. */
    TOO_LARGE,
    /** MQTT content type this hub does not decode. */
    UNSUPPORTED_CONTENT_TYPE,
    /** Envelope identity does not match the topic it arrived on, or the device may not publish there. */
    NOT_AUTHORISED,
    /** Device not in the registry. */
    UNKNOWN_DEVICE,
    /**
     * Above the device's message or byte rate where the hub cannot refuse it to the device: relayed by an external
     * broker that already acknowledged it ({@code $share} path). Dead-lettered, not stored.
     */
    RATE_LIMITED
}
