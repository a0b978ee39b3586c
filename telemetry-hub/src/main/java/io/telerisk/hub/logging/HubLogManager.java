package io.telerisk.hub.logging;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, minus one behaviour: its own shutdown hook resets logging (removes every handler)
 * while the hub's shutdown hook is still logging how it drains and stops, so those records were lost. Once
 * {@link HubLogging#configure} has run, {@link #reset()} does nothing. Selected with
 * {@code -Djava.util.logging.manager=io.telerisk.hub.logging.HubLogManager} (the start script and systemd unit do).
 */
public final class HubLogManager extends LogManager {
    @Override
    public void reset() {
        if (!HubLogging.configured()) super.reset();
    }
}
