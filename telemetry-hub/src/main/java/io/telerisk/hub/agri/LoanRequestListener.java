package io.telerisk.hub.agri;

import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanDesk;
import io.telerisk.agri.loan.LoanRepository;
import io.telerisk.hub.ingest.AcceptedListener;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;

import io.telerisk.hub.work.QueuedEnvelopes;
import io.telerisk.hub.work.WorkQueue;
import io.telerisk.hub.work.WorkWorkers;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Loan requests from field devices: every {@code loan_request} event of an accepted envelope goes into the durable
 * {@link WorkQueue} (kind {@value #KIND}) on the ingest writer thread; a worker of whichever hub takes it asks the
 * {@link LoanDesk} for a decision and publishes the decision {@link Command} on the device's {@code cmd} topic through
 * the hub's sender (the hub's {@code command.CommandRelay}: the broker routes it, or the hub holding the device's
 * built-in endpoint connection delivers it, or it waits for the device's next connection). A request stored by a hub
 * that dies before answering is answered by another. A desk failure (database) leaves the item for a retry; a failed
 * send (the relay could not keep the command) is counted, not retried (the device asks again).
 *
 * <p>A malformed request gets a {@code loan_decision} command with outcome {@code REJECTED}, reason
 * {@code INVALID_REQUEST} and the parser's detail, and is counted; an unregistered device gets the desk's
 * {@code DECLINE}/{@code UNREGISTERED_DEVICE}. Delivery is at-least-once, so a redelivered envelope (same device and
 * sequence) carries the same event time, hence the same application id, and gets the recorded decision again (each
 * delivery is an item of its own, so it is answered again); the answer is always re-read from the
 * {@link LoanRepository} so that with several hubs every one sends the decision that won.
 */
public final class LoanRequestListener implements AcceptedListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoanRequestListener.class.getName());
    /** Command name shared with {@link LoanDecisionCommand}; outcome {@code REJECTED} for unusable requests. */
    public static final String REJECTED_OUTCOME = "REJECTED";
    /** The work-queue kind of loan requests. */
    public static final String KIND = "loan-requests";

    private final LoanDesk desk;
    private final LoanRepository loans;
    private final BiFunction<DeviceKey, Command, CompletionStage<Void>> sender;
    private final WorkQueue queue;
    private final Clock clock;
    private final WorkWorkers workers;
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong unregistered = new AtomicLong();
    private final AtomicLong postponed = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /**
     * Starts one worker (it keeps the requests of this hub in order).
     *
     * @param sender publishes a command on a device's cmd topic (the hub passes its {@code CommandRelay::send})
     * @param queue  the shared work queue
     */
    public LoanRequestListener(LoanDesk desk, LoanRepository loans, BiFunction<DeviceKey, Command, CompletionStage<Void>> sender,
                               WorkQueue queue, Clock clock) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.loans = Objects.requireNonNull(loans, "loans");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = new WorkWorkers(queue, KIND, 1, Duration.ofSeconds(1), this::handle).start();
    }

    @Override
    public void accepted(Envelope envelope) {
        List<DeviceEvent> events = envelope.events();
        for (int i = 0; i < events.size(); i++) {
            if (!EventTypes.LOAN_REQUEST.equals(events.get(i).type())) continue;
            // a key per delivery: a redelivered request is answered again (with the recorded decision)
            String key = envelope.key() + "#" + envelope.sequence() + "#" + i + "#" + UUID.randomUUID();
            try {
                queue.enqueue(KIND, key, QueuedEnvelopes.encode(envelope), clock.instant());
                workers.wake();
            } catch (SQLException | RuntimeException x) {
                postponed.incrementAndGet();
                // the ingest keeps the envelope in its spool and tells us again (another delivery, answered again)
                throw new io.telerisk.hub.ingest.FollowUpUnavailableException("cannot queue the loan request of " + envelope.key()
                        + " seq " + envelope.sequence() + " (" + x.getMessage() + "); retried from the spool", x);
            }
        }
    }

    private void handle(WorkQueue.Item item) {
        Envelope envelope = QueuedEnvelopes.decode(item);
        int index = Integer.parseInt(item.key().split("#")[2]);
        handle(envelope.key(), envelope.sequence(), envelope.events().get(index));
    }

    /** Decides one request and sends the answer; never throws. Visible for the REST path and tests. */
    Command decide(DeviceKey device, long sequence, DeviceEvent e) {
        LoanDesk.Outcome o = desk.onEvent(device, e);
        if (o instanceof LoanDesk.Outcome.Rejected r) {
            rejected.incrementAndGet();
            return rejection(device, sequence, r.reason());
        }
        LoanDecision d = ((LoanDesk.Outcome.Decided) o).decision();
        if ("UNREGISTERED_DEVICE".equals(d.reasonCode())) unregistered.incrementAndGet();
        decided.incrementAndGet();
        // the recorded decision, should another thread or hub have decided this application first
        LoanDecision recorded = loans.findByApplication(d.tenant(), d.applicationId()).orElse(d);
        return LoanDecisionCommand.toCommand(recorded);
    }

    private void handle(DeviceKey device, long sequence, DeviceEvent e) {
        Command c;
        try {
            c = decide(device, sequence, e);
        } catch (RuntimeException x) {
            // a database outage: answer nothing now rather than a wrong decision; the queue retries the item
            errors.incrementAndGet();
            throw x;
        }
        try {
            sender.apply(device, c).whenComplete((v, t) -> {
                if (t != null) {
                    sendFailures.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "loan decision for " + device + " not sent: " + t.getMessage());
                }
            });
        } catch (RuntimeException x) {
            sendFailures.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "loan decision for " + device + " not sent: " + x.getMessage());
        }
    }

    /** The command telling a device its request could not be read, with the reason. */
    static Command rejection(DeviceKey device, long sequence, String reason) {
        return new Command("loan-rejected-" + device.deviceId() + "-" + sequence, LoanDecisionCommand.NAME,
                Map.of("outcome", REJECTED_OUTCOME, "reason", "INVALID_REQUEST", "detail", reason, "sequence", Long.toString(sequence)));
    }

    /**
     * Counters since start: decided (including unregistered declines), rejected, unregistered, postponed (could not be
     * queued; the ingest retries them from its spool), sendFailures, errors.
     */
    public Map<String, Long> counters() {
        return Map.of("decided", decided.get(), "rejected", rejected.get(), "unregistered", unregistered.get(),
                "postponed", postponed.get(), "sendFailures", sendFailures.get(), "errors", errors.get());
    }

    /** Finishes the requests due (up to 10 s; what is left stays queued for any hub) and stops the worker. */
    @Override
    public void close() {
        try {
            workers.awaitIdle(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close();
    }
}
