package io.telerisk.hub.ingest;

import io.telerisk.model.Envelope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@link AcceptedListener}s, called in registration order; one failing listener affects no other. */
final class Listeners {
    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());
    private final List<AcceptedListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeviceStatusListener> statusListeners = new CopyOnWriteArrayList<>();

    void add(AcceptedListener l) {
        listeners.add(l);
    }

    void remove(AcceptedListener l) {
        listeners.remove(l);
    }

    void addStatus(DeviceStatusListener l) {
        statusListeners.add(l);
    }

    void notifyStatus(io.telerisk.model.DeviceKey device, io.telerisk.model.DeviceStatus status, io.telerisk.hub.registry.DeviceSession session) {
        for (DeviceStatusListener l : statusListeners) {
            try {
                l.status(device, status, session);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "status listener " + l + " failed on " + device, ex);
            }
        }
    }

    /**
     * Tells every listener about the stored envelopes, then that the batch is stored.
     *
     * @return false when a listener could not make its follow-up durable ({@link FollowUpUnavailableException}): the
     * caller spools the envelopes and tells the listeners again later
     */
    boolean notifyAll(List<Envelope> envelopes) {
        if (listeners.isEmpty()) return true;
        boolean durable = true;
        for (Envelope e : envelopes) {
            for (AcceptedListener l : listeners) {
                try {
                    l.accepted(e);
                } catch (FollowUpUnavailableException ex) {
                    durable = false;
                    LOG.log(Level.WARNING, "listener " + l + " postponed " + e.key() + " #" + e.sequence() + ": " + ex.getMessage());
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "listener " + l + " failed on " + e.key() + " #" + e.sequence(), ex);
                }
            }
        }
        for (AcceptedListener l : listeners) {
            try {
                l.batchStored();
            } catch (FollowUpUnavailableException ex) {
                durable = false;
                LOG.log(Level.WARNING, "listener " + l + " postponed the end of a batch: " + ex.getMessage());
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "listener " + l + " failed at the end of a batch", ex);
            }
        }
        return durable;
    }
}
