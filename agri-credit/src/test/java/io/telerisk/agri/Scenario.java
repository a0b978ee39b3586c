package io.telerisk.agri;

import io.telerisk.agri.field.Crop;
import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRegistration;
import io.telerisk.agri.field.FieldRegistry;
import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.field.InMemoryFieldRepository;
import io.telerisk.agri.field.SoilType;
import io.telerisk.agri.health.HealthAssessor;
import io.telerisk.agri.health.InMemoryFarmDayHistory;
import io.telerisk.agri.health.WaterStressCalculator;
import io.telerisk.agri.loan.InMemoryLoanRepository;
import io.telerisk.agri.loan.LoanPolicy;
import io.telerisk.agri.loan.LoanService;
import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.InMemoryNdviSeriesStore;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.agri.yield.CropPrices;
import io.telerisk.agri.yield.YieldModel;
import io.telerisk.model.summary.FarmDay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** A maize region with in-memory ports, for health, yield, loan and monitor tests. */
public final class Scenario {
    public static final String TENANT = "coop-1";
    public static final LocalDate SOWING = LocalDate.of(2024, 4, 20);
    public static final LocalDate HARVEST = LocalDate.of(2024, 9, 30);

    public final InMemoryFieldRepository fields = new InMemoryFieldRepository();
    public final InMemoryNdviSeriesStore ndvi = new InMemoryNdviSeriesStore();
    public final InMemoryFarmDayHistory farmDays = new InMemoryFarmDayHistory();
    public final InMemoryLoanRepository loans = new InMemoryLoanRepository();
    public final HealthAssessor health = new HealthAssessor(fields, ndvi, new WaterStressCalculator(farmDays));

    /** Registers a 10 ha maize field (about 316 m square) with a device. */
    public Field field(String id, String farmer, String device, double lon) {
        var r = new FieldRegistry(fields).register(new FieldRegistration(TENANT, id, farmer, device, Crop.MAIZE, SOWING, HARVEST,
                "district-7", SoilType.LOAM, GeoJson.write(TestGeometry.rectangle(lon, 50.0, 316.2, 316.2))));
        return ((FieldRegistry.Result.Registered) r).field();
    }

    /** A clear observation with the given mean. */
    public void observe(String fieldId, LocalDate day, double mean) {
        Instant t = day.atTime(10, 6).toInstant(ZoneOffset.UTC);
        ndvi.appendAll(List.of(new NdviPoint(TENANT, fieldId, t, "S2-" + day, new FieldNdvi.Observed(fieldId, 1000,
                new NdviStats(1000, mean, mean, 0.03, mean - 0.1, mean + 0.1, 1.0)))));
    }

    /** The expected maize NDVI on a day. */
    public static double expected(LocalDate day) {
        return Crop.MAIZE.expectedNdvi(SOWING, HARVEST, day);
    }

    /** Daily soil moisture for a device over [from, to). */
    public void soil(String device, LocalDate from, LocalDate to, double vwc) {
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            farmDays.add(new FarmDay(TENANT, device, d, vwc, vwc - 0.01, 18.0, 12.0, 28.0, 60.0, 0, 0, 96));
        }
    }

    public LoanService loanService(LocalDate today) {
        return new LoanService(fields, health, new YieldModel(), CropPrices.illustrativeUsd(), loans, LoanPolicy.defaults(),
                Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }
}
