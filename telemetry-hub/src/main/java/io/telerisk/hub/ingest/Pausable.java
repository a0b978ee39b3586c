package io.telerisk.hub.ingest;

/** A source of messages that can stop reading when the hub is saturated. Both methods are idempotent. */
public interface Pausable {
    void pause();

    void resume();
}
