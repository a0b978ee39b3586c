package io.telerisk.agent.queue;

/**
 * When appended records are forced to the storage device.
 * <p>Under {@link #ALWAYS} and {@link #BATCH} a record is handed to the publisher only after it was forced, so a message the broker
 * acknowledged is always on disk and its sequence number can never be handed out twice, even after a power loss.
 * An agent crash (the process dies, the kernel lives) loses nothing in either policy: the page cache survives.
 */
public enum FsyncPolicy {
    /** Force after every append: nothing accepted is lost on power loss; costs one flash write per message. */
    ALWAYS,
    /**
     * Group commit (default): force when the publisher needs the record, and at the latest every
     * {@link QueueConfig#fsyncIntervalMillis()}. Power loss may lose the records of that last interval that
     * were not yet sent; they were never published, so their sequence numbers are simply reused.
     */
    BATCH,
    /**
     * Never force; the operating system writes back when it likes. For simulators that run hundreds of agents on
     * one machine, where one flash write per message per agent would saturate the disk. An agent crash still loses
     * nothing; a power cut may lose queued messages and hand out a sequence number again. Not for devices.
     */
    OS
}
