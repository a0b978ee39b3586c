package io.telerisk.hub.store;

import io.telerisk.model.DeviceEvent;

/** An event read back from storage, with the envelope sequence it arrived in. */
public record StoredEvent(long sequence, DeviceEvent event) {
}
