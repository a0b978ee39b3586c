/**
 * Real servers for integration tests: private Mosquitto and InfluxDB processes on their own ports, and a fresh
 * PostgreSQL database per test. Each fails with a clear message naming what to install when the server is missing;
 * nothing here skips a test.
 */
package io.telerisk.testkit;
