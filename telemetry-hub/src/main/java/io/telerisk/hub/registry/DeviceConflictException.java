package io.telerisk.hub.registry;

/** A device with this id already exists in the tenant. */
public class DeviceConflictException extends RuntimeException {
    public DeviceConflictException(String message) {
        super(message);
    }
}
