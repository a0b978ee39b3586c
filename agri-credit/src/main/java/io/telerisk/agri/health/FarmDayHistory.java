package io.telerisk.agri.health;

import io.telerisk.model.summary.FarmDay;

import java.time.LocalDate;
import java.util.List;

/** Port: daily farm-sensor summaries the hub computes from telemetry ({@link FarmDay}). */
public interface FarmDayHistory {
    /** A device's days with {@code from <= day < toExclusive}, oldest first. */
    List<FarmDay> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive);
}
