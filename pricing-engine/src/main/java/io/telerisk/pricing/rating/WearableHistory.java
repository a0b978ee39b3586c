package io.telerisk.pricing.rating;

import io.telerisk.model.summary.WearableDay;

import java.time.LocalDate;
import java.util.List;

/** Port: daily wearable aggregates (never raw health samples). */
public interface WearableHistory {
    /** Days in [from, toExclusive) for the wearable, any order. */
    List<WearableDay> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive);
}
