package io.telerisk.hub.store;

import java.time.Instant;

/** One bucket of a downsampled series: bucket start and its aggregated value. */
public record SeriesPoint(Instant bucketStart, double value) {
}
