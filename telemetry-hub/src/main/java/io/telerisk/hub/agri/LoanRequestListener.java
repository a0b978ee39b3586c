package io.telerisk.hub.agri;

import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanDecisionCommand;
import io.telerisk.agri.loan.LoanDesk;
import io.telerisk.agri.loan.LoanRepository;
import io.telerisk.hub.ingest.AcceptedListener;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Loan requests from field devices: for every {@code loan_request} event of an accepted envelope, asks the
 * {@link LoanDesk} for a decision on its own worker thread (the ingest writer thread must not block on JDBC) and
 * publishes the decision {@link Command} on the device's {@code cmd} topic.
 *
 * <p>A malformed request gets a {@code loan_decision} command with outcome {@code REJECTED}, reason
 * {@code INVALID_REQUEST} and the parser's detail, and is counted; an unregistered device gets the desk's
 * {@code DECLINE}/{@code UNREGISTERED_DEVICE}. Delivery is at-least-once, so a redelivered envelope (same device and
 * sequence) carries the same event time, hence the same application id, and gets the recorded decision again; the
 * answer is always re-read from the {@link LoanRepository} so that with several hubs every one sends the decision
 * that won. One worker keeps a device's requests in order.
 */
public final class LoanRequestListener implements AcceptedListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoanRequestListener.class.getName());
    /** Command name shared with {@link LoanDecisionCommand}; outcome {@code REJECTED} for unusable requests. */
    public static final String REJECTED_OUTCOME = "REJECTED";

    private final LoanDesk desk;
    private final LoanRepository loans;
    private final BiFunction<DeviceKey, Command, CompletionStage<Void>> sender;
    private final ThreadPoolExecutor worker;
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong unregistered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /**
     * @param sender publishes a command on a device's cmd topic (the hub passes
     *               {@code (d, c) -> ingest.publishCommand(d, c).toCompletionStage()})
     * @param queue  requests waiting for the worker before new ones are dropped (and counted)
     */
    public LoanRequestListener(LoanDesk desk, LoanRepository loans, BiFunction<DeviceKey, Command, CompletionStage<Void>> sender,
                               int queue) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.loans = Objects.requireNonNull(loans, "loans");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "agri-loan-desk");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void accepted(Envelope envelope) {
        for (DeviceEvent e : envelope.events()) {
            if (!EventTypes.LOAN_REQUEST.equals(e.type())) continue;
            DeviceKey device = envelope.key();
            long seq = envelope.sequence();
            try {
                worker.execute(() -> handle(device, seq, e));
            } catch (RejectedExecutionException x) {
                dropped.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "loan request of " + device + " seq " + seq + " dropped: desk queue full or closed");
            }
        }
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
            // a database outage: answer nothing now (the device retries) rather than a wrong decision
            errors.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "loan request of " + device + " seq " + sequence + " not decided: " + x.getMessage(), x);
            return;
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

    /** Counters since start: decided (including unregistered declines), rejected, unregistered, dropped, sendFailures, errors. */
    public Map<String, Long> counters() {
        return Map.of("decided", decided.get(), "rejected", rejected.get(), "unregistered", unregistered.get(),
                "dropped", dropped.get(), "sendFailures", sendFailures.get(), "errors", errors.get());
    }

    /** Finishes queued requests (up to 10 s) and stops the worker. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
