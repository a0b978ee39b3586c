/**
 * The device-side edge agent: {@link io.telerisk.agent.Agent} (facade), {@link io.telerisk.agent.AgentConfig}
 * and the command line {@link io.telerisk.agent.AgentMain}. Plain Java and Eclipse Paho; depends only on
 * telemetry-model.
 */
package io.telerisk.agent;
