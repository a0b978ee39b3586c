package io.telerisk.hub.registry;

import java.util.Locale;

/** Where a device is in its life: only an active device may connect. */
public enum DeviceState {
    /** Registered and allowed to connect with its credential. */
    ACTIVE,
    /** Refused at connect and disconnected by the hub; an operator may enable it again. */
    DISABLED,
    /** Retired for good: refused at connect, never enabled again; its data is kept. */
    DECOMMISSIONED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static DeviceState fromWire(String s) {
        for (DeviceState d : values()) if (d.wireName().equals(s)) return d;
        throw new IllegalArgumentException("unknown device state '" + s + "' (expected active, disabled or decommissioned)");
    }
}
