package io.telerisk.claims.parametric;

import io.telerisk.model.summary.FarmDay;

import java.time.LocalDate;
import java.util.List;

/** Port: daily farm-sensor summaries (the hub implements it from its summary store). */
public interface FarmDaySource {
    /** Days {@code from ≤ day ≤ toInclusive} of one sensor, any order; missing days are simply absent. */
    List<FarmDay> days(String tenant, String deviceId, LocalDate from, LocalDate toInclusive);
}
