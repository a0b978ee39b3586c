package io.telerisk.model.codec;

/**
 * Internal control flow for decoders: thrown deep inside a parser, caught at the codec's entry point and turned
 * into a {@link Decoded.Rejected}. No stack trace, since bad input is routine and must be cheap.
 */
final class DecodeFailure extends RuntimeException {
    final RejectReason reason;

    DecodeFailure(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Decoded.Rejected toRejected() {
        return new Decoded.Rejected(reason, getMessage());
    }
}
