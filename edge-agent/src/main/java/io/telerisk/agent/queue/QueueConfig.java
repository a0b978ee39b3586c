package io.telerisk.agent.queue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link DurableQueue}.
 *
 * @param directory           where segment, ack and state files live (created if absent)
 * @param maxBytes            disk bound: above it the oldest raw telemetry is dropped (counted)
 * @param hardMaxBytes        last-resort bound for events and summaries once no raw telemetry is left: above it the
 *                            oldest summaries, then events are dropped (counted). Crash records are never dropped.
 * @param segmentBytes        a segment file is closed and a new one started beyond this size
 * @param maxRecordBytes      largest accepted message
 * @param fsyncPolicy         when appends are forced to disk
 * @param fsyncIntervalMillis upper bound between forces under {@link FsyncPolicy#BATCH}
 */
public record QueueConfig(Path directory, long maxBytes, long hardMaxBytes, long segmentBytes, int maxRecordBytes,
                          FsyncPolicy fsyncPolicy, long fsyncIntervalMillis) {
    public QueueConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        if (segmentBytes < 1024) throw new IllegalArgumentException("segmentBytes must be at least 1 KiB: " + segmentBytes);
        if (maxBytes < 2 * segmentBytes) throw new IllegalArgumentException("maxBytes must hold at least two segments: " + maxBytes);
        if (hardMaxBytes < maxBytes) throw new IllegalArgumentException("hardMaxBytes below maxBytes");
        if (maxRecordBytes < 64 || maxRecordBytes > segmentBytes) throw new IllegalArgumentException("maxRecordBytes must be 64..segmentBytes");
        if (fsyncIntervalMillis < 1) throw new IllegalArgumentException("fsyncIntervalMillis must be positive");
    }

    /** Defaults for a vehicle unit: 256 MiB bound (days of 1 Hz telemetry), 4 MiB segments, group commit every second. */
    public static QueueConfig defaults(Path directory) {
        return new QueueConfig(directory, 256L << 20, 320L << 20, 4L << 20, 1 << 20, FsyncPolicy.BATCH, 1000);
    }

    public QueueConfig withMaxBytes(long maxBytes, long hardMaxBytes) {
        return new QueueConfig(directory, maxBytes, hardMaxBytes, segmentBytes, maxRecordBytes, fsyncPolicy, fsyncIntervalMillis);
    }

    public QueueConfig withSegmentBytes(long segmentBytes) {
        return new QueueConfig(directory, maxBytes, hardMaxBytes, segmentBytes, (int) Math.min(maxRecordBytes, segmentBytes), fsyncPolicy, fsyncIntervalMillis);
    }

    public QueueConfig withFsync(FsyncPolicy policy) {
        return new QueueConfig(directory, maxBytes, hardMaxBytes, segmentBytes, maxRecordBytes, policy, fsyncIntervalMillis);
    }
}
