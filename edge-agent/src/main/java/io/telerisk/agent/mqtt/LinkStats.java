package io.telerisk.agent.mqtt;

/**
 * Counters of an {@link MqttLink}.
 *
 * @param connected        connected now
 * @param connects         successful connections
 * @param connectFailures  failed connection attempts
 * @param backoffAttempts  consecutive failures in the current backoff run
 * @param published        publishes handed to Paho
 * @param pubacks          PUBACKs received
 * @param publishFailures  publishes that failed (they stay queued)
 * @param commandsReceived messages received on the cmd topic
 * @param noSubscriberAcks PUBACKs saying the broker had no subscriber (reason 0x10); those messages stayed queued
 * @param lastError        the last error seen, or empty
 */
public record LinkStats(boolean connected, long connects, long connectFailures, int backoffAttempts, long published,
                        long pubacks, long publishFailures, long commandsReceived, long noSubscriberAcks, String lastError) {
}
