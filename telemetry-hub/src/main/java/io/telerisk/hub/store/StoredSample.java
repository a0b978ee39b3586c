package io.telerisk.hub.store;

import io.telerisk.model.Sample;

/** A sample read back from storage, with the envelope sequence it arrived in. */
public record StoredSample(long sequence, Sample sample) {
}
