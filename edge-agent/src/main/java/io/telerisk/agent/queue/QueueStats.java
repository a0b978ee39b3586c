package io.telerisk.agent.queue;

/**
 * A snapshot of the queue's counters. Drop counters only grow over the life of a queue directory session
 * (they restart at 0 when the queue is reopened; the drops themselves are recorded on disk).
 *
 * @param pendingMessages     messages not yet acknowledged
 * @param pendingEvents       of which events, summaries or crash records
 * @param diskBytes           bytes of segment files
 * @param appended            messages accepted since open
 * @param acked               messages acknowledged by the broker since open
 * @param droppedRawMessages  raw telemetry dropped to keep the disk bound (old ones and refused new ones)
 * @param droppedSummaries    summaries dropped at the hard bound
 * @param droppedEvents       events dropped at the hard bound
 * @param corruptRecords      records whose CRC or framing was wrong when read back (at recovery or later)
 * @param truncatedBytes      bytes cut off torn segment tails at recovery
 * @param nextSequence        the sequence number the next message will get
 */
public record QueueStats(long pendingMessages, long pendingEvents, long diskBytes, long appended, long acked,
                         long droppedRawMessages, long droppedSummaries, long droppedEvents, long corruptRecords,
                         long truncatedBytes, long nextSequence) {
}
