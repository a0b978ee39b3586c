/**
 * The shared telemetry schema: {@link io.telerisk.model.Envelope} and its samples and events.
 * Depends on nothing of ours; every other module may depend on it.
 */
package io.telerisk.model;
