/**
 * Device simulator: deterministic vehicle, wearable and farm-sensor generators ({@code vehicle}, {@code wearable},
 * {@code farm}), a fleet of them ({@code fleet}), fault injection ({@code faults}), the ground-truth file
 * ({@code truth}) and a non-blocking MQTT publisher for thousands of devices ({@code publish}).
 * Entry points: {@link io.telerisk.sim.fleet.Fleet}, {@link io.telerisk.sim.publish.FleetPublisher},
 * {@link io.telerisk.sim.SimMain}.
 */
package io.telerisk.sim;
