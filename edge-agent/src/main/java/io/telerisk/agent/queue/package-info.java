/**
 * Durable store-and-forward queue: CRC-framed append-only segments, an ack log, a persisted sequence counter,
 * a disk bound by priority class, and the rate-bounded backlog replay that interleaves with live data.
 */
package io.telerisk.agent.queue;
