package io.telerisk.agri.yield;

import io.telerisk.agri.field.Crop;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Expected farm-gate prices per tonne, in one currency. */
public record CropPrices(Currency currency, Map<Crop, BigDecimal> perTonne) {
    public CropPrices {
        Objects.requireNonNull(currency, "currency");
        perTonne = Map.copyOf(perTonne);
        for (var e : perTonne.entrySet()) {
            if (e.getValue().signum() <= 0) throw new IllegalArgumentException("price of " + e.getKey() + " must be positive");
        }
    }

    /** Price of a crop. */
    public BigDecimal of(Crop crop) {
        BigDecimal p = perTonne.get(crop);
        if (p == null) throw new IllegalArgumentException("no price for " + crop + " in " + currency);
        return p;
    }

    /** Illustrative USD prices (order of magnitude of 2023-24 world prices); configure real ones per market. */
    public static CropPrices illustrativeUsd() {
        Map<Crop, BigDecimal> m = new EnumMap<>(Crop.class);
        m.put(Crop.MAIZE, new BigDecimal("190.00"));
        m.put(Crop.WHEAT, new BigDecimal("230.00"));
        m.put(Crop.SOYBEAN, new BigDecimal("420.00"));
        m.put(Crop.SORGHUM, new BigDecimal("200.00"));
        return new CropPrices(Currency.getInstance("USD"), m);
    }
}
