package io.telerisk.hub.ingest;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.topic.Topic;

import java.time.Instant;

/** One message on its way through the handlers; each handler fills in what it learnt. Confined to one thread at a time. */
final class Pending {
    final InboundMessage message;
    final Instant receivedAt;
    Topic topic;
    String contentType;
    Envelope envelope;
    Decoded.Rejected rejection;
    DeadLetter deadLetter;
    /** A rejection counted and acknowledged without a dead letter (a bounded store's sampling, see ShareRateHandler). */
    boolean deadLetterNotKept;
    boolean duplicate;
    /** When the device was registered, if known: validation rejects samples from before it. */
    Instant registeredAt;
    /** A parsed message of the status channel (nothing to store). */
    io.telerisk.model.DeviceStatus status;

    Pending(InboundMessage message, Instant receivedAt) {
        this.message = message;
        this.receivedAt = receivedAt;
        this.registeredAt = message.registeredAt();
    }

    /** Samples plus events: what a store batch is sized by. Zero for messages that store nothing. */
    int points() {
        if (envelope == null || duplicate || rejection != null) return 0;
        return envelope.samples().size() + envelope.events().size();
    }

    boolean storesSomething() {
        return envelope != null && !duplicate && rejection == null;
    }

    int bytes() {
        return message.payload().length + message.topic().length() + 64;
    }
}
