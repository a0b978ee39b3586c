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

    void notifyAll(List<Envelope> envelopes) {
        if (listeners.isEmpty()) return;
        for (Envelope e : envelopes) {
            for (AcceptedListener l : listeners) {
                try {
                    l.accepted(e);
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "listener " + l + " failed on " + e.key() + " #" + e.sequence(), ex);
                }
            }
        }
        for (AcceptedListener l : listeners) {
            try {
                l.batchStored();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "listener " + l + " failed at the end of a batch", ex);
            }
        }
    }
}
