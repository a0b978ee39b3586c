package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An AckTarget that records what was acknowledged, for pipeline tests without MQTT. */
public final class RecordingAcks implements AckTarget {
    /** Packet id to the rejection it was acknowledged with ("OK" when accepted). */
    public final Map<Integer, String> acked = new ConcurrentHashMap<>();
    public final List<Integer> order = new CopyOnWriteArrayList<>();

    @Override
    public void acknowledge(int[] messageIds, RejectReason[] rejections, int count) {
        for (int i = 0; i < count; i++) {
            if (acked.put(messageIds[i], rejections[i] == null ? "OK" : rejections[i].name()) != null)
                throw new AssertionError("message " + messageIds[i] + " acknowledged twice");
            order.add(messageIds[i]);
        }
    }

    public boolean await(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (acked.size() < n) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(5);
        }
        return true;
    }
}
