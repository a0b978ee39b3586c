/**
 * Vehicle edge analytics: trips, harsh braking, acceleration and cornering, speeding against a pluggable speed
 * limit; each finding is a DeviceEvent with measures and the raw window around it.
 */
package io.telerisk.agent.analytics;
