/**
 * MQTT v5 link (Eclipse Paho): persistent session, QoS 1 with acks into the queue, status and last will,
 * cmd subscription, reconnect with exponential backoff and full jitter, TLS and per-device credentials.
 */
package io.telerisk.agent.mqtt;
