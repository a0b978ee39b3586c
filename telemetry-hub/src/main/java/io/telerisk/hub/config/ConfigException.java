package io.telerisk.hub.config;

/** A configuration value is missing or malformed; the message names the key, where it came from, and why. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
