package io.telerisk.model.codec;

import io.telerisk.model.Envelope;

import java.util.Objects;

/** The outcome of decoding or validating a message: an envelope, or a rejection with its reason. */
public sealed interface Decoded permits Decoded.Ok, Decoded.Rejected {

    /** Accepted. */
    record Ok(Envelope envelope) implements Decoded {
        public Ok {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    /**
     * Not accepted.
     *
     * @param reason the counted category
     * @param detail a human-readable explanation naming the field and value
     */
    record Rejected(RejectReason reason, String detail) implements Decoded {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static Decoded ok(Envelope e) {
        return new Ok(e);
    }

    static Decoded rejected(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
