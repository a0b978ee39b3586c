package io.telerisk.hub.agri;

import io.telerisk.agri.health.FarmDayHistory;
import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.summary.FarmDay;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** {@link FarmDayHistory} over the hub's farm-sensor day summaries (the summariser's {@code farmDays}). */
public final class SummaryFarmDayHistory implements FarmDayHistory {
    private final SummaryRepository summaries;

    public SummaryFarmDayHistory(SummaryRepository summaries) {
        this.summaries = Objects.requireNonNull(summaries, "summaries");
    }

    @Override
    public List<FarmDay> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive) {
        return summaries.farmDays(tenant, deviceId, from, toExclusive);
    }
}
