package io.telerisk.agri.loan;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entry point for the hub's event router: a {@code loan_request} event in, a decision out (the hub encodes it as the
 * command it publishes on the device's {@code cmd} topic, in the same JSON as its REST answer). Malformed requests come back as {@link Outcome.Rejected} with the
 * reason (the hub dead-letters them) and are counted; a request from an unregistered device is decided as a
 * {@code DECLINE} with reason {@code UNREGISTERED_DEVICE}, so the device still gets an answer.
 */
public final class LoanDesk {
    private final LoanService service;
    private final AtomicLong rejected = new AtomicLong();

    public LoanDesk(LoanService service) {
        this.service = Objects.requireNonNull(service);
    }

    /** What became of an event. */
    public sealed interface Outcome permits Outcome.Decided, Outcome.Rejected {
        /** A decision (an unregistered device's included). */
        record Decided(LoanDecision decision) implements Outcome {
        }

        /** The event was not a usable loan request. */
        record Rejected(String reason) implements Outcome {
        }
    }

    public Outcome onEvent(DeviceKey device, DeviceEvent event) {
        LoanRequests.Parsed p = LoanRequests.fromEvent(device, event);
        if (p instanceof LoanRequests.Parsed.Invalid inv) {
            rejected.incrementAndGet();
            return new Outcome.Rejected(inv.reason());
        }
        LoanDecision d = service.decide(((LoanRequests.Parsed.Valid) p).application());
        return new Outcome.Decided(d);
    }

    /**
     * A loan request decided as of its own time, on the data of that day ({@link LoanService#decideAsRequested}): for
     * loading decisions taken earlier in the season. Malformed requests are rejected as by {@link #onEvent}.
     */
    public Outcome decideAsRequested(DeviceKey device, DeviceEvent event) {
        LoanRequests.Parsed p = LoanRequests.fromEvent(device, event);
        if (p instanceof LoanRequests.Parsed.Invalid inv) {
            rejected.incrementAndGet();
            return new Outcome.Rejected(inv.reason());
        }
        return new Outcome.Decided(service.decideAsRequested(((LoanRequests.Parsed.Valid) p).application()));
    }

    /** Malformed loan requests since start. */
    public long rejectedRequests() {
        return rejected.get();
    }
}
