package io.telerisk.sim.farm;

import io.telerisk.sim.Rng;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A simulated field with its crop's seasonal NDVI curve. The curve is a double logistic (green-up, senescence)
 * over the day of year, a pure function of the field's parameters, so a satellite scene generator can ask for the
 * NDVI of any field on any date without running the soil simulation.
 *
 * @param fieldId        field id (the farm sensor's device id)
 * @param latitudeDeg    field centre
 * @param longitudeDeg   field centre
 * @param areaHa         area, hectares (a square around the centre)
 * @param crop           crop name
 * @param soil           soil type
 * @param baseNdvi       NDVI of bare soil / dormant vegetation (0.10..0.20)
 * @param peakNdvi       NDVI at full canopy (0.65..0.90)
 * @param greenUpDoy     day of year of the green-up inflection
 * @param senescenceDoy  day of year of the senescence inflection
 * @param greenUpRate    logistic slope of green-up, per day
 * @param senescenceRate logistic slope of senescence, per day
 */
public record FarmField(String fieldId, double latitudeDeg, double longitudeDeg, double areaHa, String crop,
                        SoilType soil, double baseNdvi, double peakNdvi, double greenUpDoy, double senescenceDoy,
                        double greenUpRate, double senescenceRate) {
    private static final String[] CROPS = {"maize", "wheat", "soybean", "sunflower", "barley"};

    public FarmField {
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(soil, "soil");
        if (!(peakNdvi > baseNdvi)) throw new IllegalArgumentException("peak NDVI must exceed base NDVI");
        if (!(senescenceDoy > greenUpDoy)) throw new IllegalArgumentException("senescence must follow green-up");
    }

    /** Draws a field near a region centre; the season is shifted half a year in the southern hemisphere. */
    public static FarmField draw(String fieldId, Rng rng, double centreLatDeg, double centreLonDeg, double radiusKm) {
        double bearing = rng.uniform(0, 2 * Math.PI);
        double distKm = radiusKm * Math.sqrt(rng.uniform());
        double lat = centreLatDeg + distKm * Math.cos(bearing) / 111.32;
        double lon = centreLonDeg + distKm * Math.sin(bearing) / (111.32 * Math.cos(Math.toRadians(centreLatDeg)));
        String crop = CROPS[rng.uniformInt(0, CROPS.length - 1)];
        SoilType soil = SoilType.values()[rng.uniformInt(0, SoilType.values().length - 1)];
        double sowing = (lat >= 0 ? 100 : 283) + rng.uniform(-15, 25);
        double greenUp = sowing + rng.uniform(25, 40);
        double senescence = greenUp + rng.uniform(80, 110);
        return new FarmField(fieldId, lat, lon, Math.round(rng.uniform(2, 120) * 10) / 10.0, crop, soil,
                rng.uniform(0.12, 0.2), rng.uniform(0.68, 0.9), greenUp, senescence,
                rng.uniform(0.08, 0.15), rng.uniform(0.06, 0.12));
    }

    /** Potential (unstressed) NDVI on a date. */
    public double ndvi(LocalDate date) {
        return ndviAtDoy(date.getDayOfYear());
    }

    /** NDVI at a day of year (1..366); seasons wrap around the year end for southern fields. */
    public double ndviAtDoy(double doy) {
        double best = 0;
        // evaluate the season of this year and its neighbours so a season crossing 31 December is continuous
        for (int shift = -365; shift <= 365; shift += 365) {
            double d = doy + shift;
            double up = 1 / (1 + Math.exp(-greenUpRate * (d - greenUpDoy)));
            double down = 1 / (1 + Math.exp(-senescenceRate * (d - senescenceDoy)));
            best = Math.max(best, up - down);
        }
        return baseNdvi + (peakNdvi - baseNdvi) * Math.max(0, best);
    }

    /** Crop coefficient Kc for evapotranspiration, from green cover (FAO-56 range 0.15..1.2). */
    public double cropCoefficient(LocalDate date) {
        double cover = (ndvi(date) - baseNdvi) / (peakNdvi - baseNdvi);
        return 0.15 + 1.05 * Math.max(0, Math.min(1, cover));
    }
}
