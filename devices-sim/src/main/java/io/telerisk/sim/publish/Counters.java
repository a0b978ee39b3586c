package io.telerisk.sim.publish;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Live counters shared by all shards. */
final class Counters {
    final int devices;
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final LongAdder connectAttempts = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder published = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder validAcked = new LongAdder();
    final LongAdder validPointsAcked = new LongAdder();
    final LongAdder duplicatesSent = new LongAdder();
    final LongAdder malformedSent = new LongAdder();
    final LongAdder offlineGaps = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder inFlight = new LongAdder();

    Counters(int devices) {
        this.devices = devices;
    }

    PublisherStats snapshot() {
        return new PublisherStats(devices, connected.get(), finished.get(), connectAttempts.sum(), connectFailures.sum(),
                published.sum(), acked.sum(), failed.sum(), refused.sum(), resent.sum(), validAcked.sum(), validPointsAcked.sum(),
                duplicatesSent.sum(), malformedSent.sum(), offlineGaps.sum(), bytes.sum(), inFlight.sum());
    }
}
