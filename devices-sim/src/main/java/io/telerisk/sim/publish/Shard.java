package io.telerisk.sim.publish;

import io.telerisk.sim.SimClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice of the fleet on one event loop: its devices, its share of the rate (token bucket) and a pacing timer.
 * Everything here runs on the shard's context, so no locks.
 */
final class Shard extends VerticleBase {
    private final SimClock clock;
    private final Rate rate;
    private final PublisherOptions opts;
    private final List<DevicePublisher> devices = new ArrayList<>();
    private final Promise<Void> done = Promise.promise();
    private TokenBucket bucket;
    private long timer = -1;
    private int next;
    private int connectSlots;

    Shard(SimClock clock, Rate rate, PublisherOptions opts) {
        this.clock = clock;
        this.rate = rate;
        this.opts = opts;
        this.connectSlots = opts.connectConcurrency();
    }

    void add(DevicePublisher d) {
        devices.add(d);
    }

    List<DevicePublisher> devices() {
        return devices;
    }

    Future<Void> done() {
        return done.future();
    }

    boolean tryAcquireConnectSlot() {
        if (connectSlots == 0) return false;
        connectSlots--;
        return true;
    }

    void releaseConnectSlot() {
        connectSlots++;
    }

    @Override
    public Future<?> start() {
        if (rate.unit() != Rate.Unit.UNLIMITED) {
            // a tenth of a second of burst, at least one message (or one big batch)
            bucket = new TokenBucket(rate.perSecond(), Math.max(1, rate.perSecond() / 10), System.nanoTime());
        }
        if (devices.isEmpty()) done.tryComplete();
        timer = vertx.setPeriodic(opts.tickMillis(), id -> tick());
        return Future.succeededFuture();
    }

    private void tick() {
        long wall = System.nanoTime();
        if (bucket != null) bucket.refill(wall);
        var simNow = clock.now();
        int n = devices.size();
        boolean countPoints = rate.unit() == Rate.Unit.POINTS;
        int finished = 0;
        for (int i = 0; i < n; i++) {
            int idx = (next + i) % n;
            DevicePublisher d = devices.get(idx);
            if (d.isDone()) {
                finished++;
                continue;
            }
            if (!d.pump(simNow, wall, bucket, countPoints)) {
                next = idx; // resume fairly from here next tick
                return;
            }
            if (d.isDone()) finished++;
        }
        if (n > 0) next = (next + 1) % n;
        if (finished == n) done.tryComplete();
    }

    @Override
    public Future<?> stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
        List<Future<Void>> fs = new ArrayList<>();
        for (DevicePublisher d : devices) fs.add(d.stop());
        return Future.join(fs);
    }
}
