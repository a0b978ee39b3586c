package io.telerisk.pricing.bench;

import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.Variable;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.RatingInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A 20-factor motor plan (11 classic, 9 telematics) and a seeded synthetic portfolio for the benchmarks. */
public final class BenchData {
    private BenchData() {}

    static String bands(String variable, double[] uppers, double[] rels) {
        StringBuilder sb = new StringBuilder("{\"variable\":\"" + variable + "\",\"bands\":[");
        for (int i = 0; i < rels.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{");
            if (i > 0) sb.append("\"over\":").append(uppers[i - 1]).append(',');
            if (i < uppers.length) sb.append("\"upTo\":").append(uppers[i]).append(',');
            sb.append("\"relativity\":").append(rels[i]).append('}');
        }
        return sb.append("]}").toString();
    }

    /** The 20-factor plan; {@code scale} nudges relativities so a "draft" differs from the "active" plan. */
    public static CompiledPlan plan20(int version, double scale) {
        List<String> f = new ArrayList<>();
        f.add(bands("driverAge", new double[] {21, 25, 30, 40, 60, 75}, new double[] {2.2, 1.7, 1.3, 1.1, 1.0, 1.1, 1.35}).replace("[{\"upTo\"", "[{\"over\":16,\"upTo\""));
        f.add(bands("licenceYears", new double[] {1, 3, 5}, new double[] {1.5, 1.25, 1.1, 1.0}));
        f.add(bands("noClaimsYears", new double[] {0, 2, 4}, new double[] {1.0, 0.85 * scale, 0.75, 0.65}));
        f.add(bands("vehicleGroup", new double[] {10, 20, 30, 40}, new double[] {0.85, 1.0, 1.2, 1.45, 1.7}));
        f.add(bands("vehicleAge", new double[] {2, 5, 10}, new double[] {1.1, 1.0, 0.95, 1.05}));
        f.add("{\"variable\":\"vehicleValue\",\"term\":{\"transform\":\"LOG\",\"coefficient\":0.12,\"reference\":15000,\"minValue\":500}}");
        f.add(bands("creditScore", new double[] {500, 650, 800}, new double[] {1.25, 1.1, 1.0, 0.93}));
        f.add("{\"variable\":\"territory\",\"levels\":{\"t1\":0.85,\"t2\":0.95,\"t3\":1.0,\"t4\":1.1,\"t5\":1.25,\"t6\":" + (1.4 * scale) + "}}");
        f.add("{\"variable\":\"vehicleUse\",\"levels\":{\"social\":1.0,\"commuting\":1.08,\"business\":1.2}}");
        f.add("{\"variable\":\"parking\",\"levels\":{\"garage\":0.92,\"driveway\":0.97,\"street\":1.06}}");
        f.add("{\"variable\":\"fuelType\",\"levels\":{\"petrol\":1.0,\"diesel\":1.03,\"hybrid\":0.97,\"electric\":1.05}}");
        f.add("{\"variable\":\"annualKm\",\"term\":{\"transform\":\"LOG\",\"coefficient\":" + (0.3 * scale) + ",\"reference\":10000,\"minValue\":500}}");
        f.add("{\"variable\":\"nightShare\",\"term\":{\"coefficient\":1.2,\"reference\":0.05,\"minValue\":0,\"maxValue\":1}}");
        f.add("{\"variable\":\"urbanShare\",\"term\":{\"coefficient\":0.35,\"reference\":0.4,\"minValue\":0,\"maxValue\":1}}");
        f.add("{\"variable\":\"speedingShare\",\"term\":{\"coefficient\":" + (2.5 * scale) + ",\"reference\":0.02,\"minValue\":0,\"maxValue\":1}}");
        f.add(bands("harshBrakesPer100Km", new double[] {0.2, 0.6, 1.5}, new double[] {0.95, 1.0, 1.08, 1.2}));
        f.add(bands("harshAccelerationsPer100Km", new double[] {0.2, 0.6, 1.5}, new double[] {0.97, 1.0, 1.05, 1.12}));
        f.add(bands("harshCornersPer100Km", new double[] {0.2, 0.6, 1.5}, new double[] {0.97, 1.0, 1.04, 1.1}));
        f.add(bands("tripsPerDrivingDay", new double[] {1, 3, 6}, new double[] {0.95, 1.0, 1.04, 1.1}));
        f.add("{\"variable\":\"avgTripKm\",\"term\":{\"transform\":\"LOG\",\"coefficient\":-0.05,\"reference\":15,\"minValue\":0.5}}");
        if (f.size() != 20) throw new IllegalStateException("expected 20 factors, got " + f.size());
        String json = """
            {"planId":"bench20","version":%d,"productLine":"motor","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":180,"fixedMonthly":6.5,"perKmRate":0.042,"dailyKmCap":250},
             "factors":[%s],
             "telematics":{"credibility":{"method":"SQRT_KM","fullCredibilityKm":5000},"minAdjustment":0.75,"maxAdjustment":1.35,
                           "maxRenewalIncrease":0.15,"maxRenewalDecrease":0.2},
             "minimumPremium":120,"fees":[{"name":"admin","amount":12}],"taxes":[{"name":"IPT","ratePercent":12}]}"""
                .formatted(version, String.join(",", f));
        return CompiledPlan.compile(PlanDocumentReader.parse(json), new PlanValidator(ProhibitedVariables.defaults()));
    }

    private static final String[] TERRITORIES = {"t1", "t2", "t3", "t4", "t5", "t6"};
    private static final String[] USES = {"social", "commuting", "business"};
    private static final String[] PARKING = {"garage", "driveway", "street"};
    private static final String[] FUEL = {"petrol", "diesel", "hybrid", "electric"};

    /** A seeded synthetic policy with all 20 variables and a year of usage-derived values. */
    public static RatingInput policy(Random r, int i) {
        double km = Math.exp(Math.log(9000) + 0.6 * r.nextGaussian());
        RatingInput.Builder b = RatingInput.builder("P" + i)
                .set(Variable.PERIOD_DAYS, 365)
                .set(Variable.DRIVER_AGE, 17 + r.nextInt(68))
                .set(Variable.LICENCE_YEARS, r.nextInt(40))
                .set(Variable.NO_CLAIMS_YEARS, r.nextInt(12))
                .set(Variable.VEHICLE_GROUP, 1 + r.nextInt(50))
                .set(Variable.VEHICLE_AGE, r.nextInt(20))
                .set(Variable.VEHICLE_VALUE, 2000 + r.nextInt(60000))
                .set(Variable.CREDIT_SCORE, 300 + r.nextInt(600))
                .set(Variable.TERRITORY, TERRITORIES[r.nextInt(TERRITORIES.length)])
                .set(Variable.VEHICLE_USE, USES[r.nextInt(USES.length)])
                .set(Variable.PARKING, PARKING[r.nextInt(PARKING.length)])
                .set(Variable.FUEL_TYPE, FUEL[r.nextInt(FUEL.length)])
                .set(Variable.DISTANCE_KM, km)
                .set(Variable.CAPPED_DISTANCE_KM, km * 0.97)
                .set(Variable.ANNUAL_KM, km)
                .set(Variable.NIGHT_SHARE, 0.2 * r.nextDouble())
                .set(Variable.URBAN_SHARE, r.nextDouble())
                .set(Variable.SPEEDING_SHARE, 0.08 * r.nextDouble())
                .set(Variable.HARSH_BRAKES_PER_100KM, 2 * r.nextDouble())
                .set(Variable.HARSH_ACCELERATIONS_PER_100KM, 2 * r.nextDouble())
                .set(Variable.HARSH_CORNERS_PER_100KM, 2 * r.nextDouble())
                .set(Variable.TRIPS_PER_DRIVING_DAY, 0.5 + 7 * r.nextDouble())
                .set(Variable.AVG_TRIP_KM, 1 + 40 * r.nextDouble());
        if (r.nextInt(3) > 0) b.priorAdjustment(0.8 + 0.4 * r.nextDouble());
        return b.build();
    }

    public static List<RatingInput> portfolio(int n, long seed) {
        Random r = new Random(seed);
        List<RatingInput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(policy(r, i));
        return out;
    }
}
