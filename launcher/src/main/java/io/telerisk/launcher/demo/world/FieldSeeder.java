package io.telerisk.launcher.demo.world;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.sim.farm.FarmField;
import io.telerisk.sim.scene.FieldFootprint;
import io.telerisk.sim.scene.FieldFootprints;
import io.telerisk.sim.scene.FieldSceneWriter;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Farms: one registered field per simulated farm sensor, its polygon the footprint the scene writer paints around the
 * sensor (so sensor, field and satellite pixels agree), owned alternately by the two demo farmers, with the crop's
 * season taken from the simulated NDVI curve (sown a month before green-up, harvested a month after senescence, in
 * the season running on the demo's date); then a season of synthetic Sentinel-2 scenes, ingested as the operator
 * would. Every {@value #STRESSED_EVERY}th field is painted with a drought-hit canopy (a quarter of the green-up), so peers
 * show an anomaly, alerts fire and the lender sees a weaker field; every {@value #PAST_SEASON_EVERY}th is registered with
 * its previous season (harvested since, with scenes over that season), so loans decided then have fallen due.
 */
final class FieldSeeder {
    static final int STRESSED_EVERY = 7;
    /**
     * Every {@value}th field (offset {@link #PAST_SEASON_AT}, never a drought-hit one) is registered with its previous
     * season, harvested months ago: the loans decided on it then have instalments due now (arrears, repayments).
     */
    static final int PAST_SEASON_EVERY = 10;
    static final int PAST_SEASON_AT = 6;
    /** Scenes over the past season: every {@value #SCENE_EVERY_DAYS} days up to its fields' mid-season, at most this many. */
    static final int MAX_PAST_SCENES = 6;
    static final int SCENE_EVERY_DAYS = 10;
    static final int MAX_SCENES = 10;
    /** Share of the green-up a drought-hit field grows. */
    static final double DROUGHT_CANOPY = 0.25;

    /** One registered field and its season. */
    record SeededField(String fieldId, String farmerId, String crop, LocalDate sowing, LocalDate harvest, boolean stressed) {
        boolean inSeason(LocalDate day) {
            return !day.isBefore(sowing) && day.isBefore(harvest);
        }
    }

    /** Registered fields, fields the scene writer could not place, and the ingested scene dates. */
    record Seeded(List<SeededField> fields, List<String> skipped, List<LocalDate> scenes) {
    }

    private FieldSeeder() {
    }

    static Seeded seed(SeedContext ctx, DemoRegion region) {
        List<FarmField> farms = ctx.fleet().fields();
        if (farms.isEmpty()) return new Seeded(List.of(), List.of(), List.of());
        Principal operator = ctx.principal(Role.OPERATOR, 1);
        String[] farmers = ctx.logins(Role.FARMER).stream().map(l -> l.username()).toArray(String[]::new);
        FieldFootprints.Result placed = FieldFootprints.of(farms, ctx.seed());
        Map<String, FarmField> byId = new HashMap<>();
        for (FarmField f : farms) byId.put(f.fieldId(), f);
        LocalDate today = ctx.today();

        List<SeededField> fields = new ArrayList<>();
        for (int i = 0; i < placed.placed().size(); i++) {
            FieldFootprint fp = placed.placed().get(i);
            FarmField farm = byId.get(fp.fieldId());
            boolean stressed = i % STRESSED_EVERY == STRESSED_EVERY / 2;
            LocalDate[] season = !stressed && i % PAST_SEASON_EVERY == PAST_SEASON_AT ? pastSeason(farm, today) : season(farm, today);
            SeededField f = new SeededField(fp.fieldId(), farmers[i % farmers.length], crop(farm.crop()), season[0], season[1], stressed);
            AgriReply r = ctx.agri().registerField(operator, ctx.tenant(), new JsonObject().put("fieldId", f.fieldId())
                    .put("farmerId", f.farmerId()).put("deviceId", fp.fieldId()).put("crop", f.crop())
                    .put("sowingDate", f.sowing().toString()).put("harvestDate", f.harvest().toString()).put("region", region.name())
                    .put("soil", farm.soil().name()).put("boundary", new JsonObject(GeoJson.write(fp.wgs84()))));
            if (r.status() / 100 != 2) throw new IllegalStateException("demo field " + f.fieldId() + " not registered: " + r.body());
            fields.add(f);
        }
        List<LocalDate> dates = new ArrayList<>(pastSceneDates(fields, today));
        dates.addAll(sceneDates(fields.stream().filter(f -> !f.harvest().isBefore(today)).toList(), today));
        if (!dates.isEmpty()) ingestScenes(ctx, operator, farms, fields, dates);
        return new Seeded(fields, placed.skipped(), dates);
    }

    private static void ingestScenes(SeedContext ctx, Principal operator, List<FarmField> farms, List<SeededField> fields,
                                     List<LocalDate> dates) {
        Map<String, Boolean> stressed = new HashMap<>();
        for (SeededField f : fields) stressed.put(f.fieldId(), f.stressed());
        List<FarmField> painted = farms.stream().map(f -> stressed.getOrDefault(f.fieldId(), false) ? droughtHit(f) : f).toList();
        FieldSceneWriter.Written written;
        try {
            written = FieldSceneWriter.write(ctx.scenesDir(), painted, dates, ctx.seed(), FieldSceneWriter.Options.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo scenes under " + ctx.scenesDir(), e);
        }
        for (FieldSceneWriter.DatedScene s : written.scenes()) {
            AgriReply r = ctx.agri().scenes().ingestScene(operator, ctx.tenant(), new JsonObject().put("sceneId", s.scene().sceneId())
                    .put("acquired", s.scene().acquired().toString()).put("red", s.scene().red().toAbsolutePath().toString())
                    .put("nir", s.scene().nir().toAbsolutePath().toString()).put("scl", s.scene().scl().toAbsolutePath().toString()));
            if (r.status() / 100 != 2) throw new IllegalStateException("demo scene " + s.date() + " not ingested: " + r.body());
        }
    }

    /**
     * A quarter of the canopy the field would have grown: what a drought since green-up looks like from orbit. Strong
     * enough that the field stands two peer spreads below its neighbours early in the season (the monitor's alert).
     */
    private static FarmField droughtHit(FarmField f) {
        double peak = f.baseNdvi() + (f.peakNdvi() - f.baseNdvi()) * DROUGHT_CANOPY;
        return new FarmField(f.fieldId(), f.latitudeDeg(), f.longitudeDeg(), f.areaHa(), f.crop(), f.soil(), f.baseNdvi(), peak,
                f.greenUpDoy(), f.senescenceDoy(), f.greenUpRate(), f.senescenceRate());
    }

    /** Every {@value #SCENE_EVERY_DAYS} days back from yesterday to the earliest sowing, at most {@value #MAX_SCENES}. */
    static List<LocalDate> sceneDates(List<SeededField> fields, LocalDate today) {
        LocalDate first = fields.stream().map(SeededField::sowing).min(LocalDate::compareTo).orElse(today);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = today.minusDays(1); !d.isBefore(first) && dates.size() < MAX_SCENES; d = d.minusDays(SCENE_EVERY_DAYS)) {
            dates.add(0, d);
        }
        return dates;
    }

    /**
     * Scenes over the past seasons of fields harvested before {@code today}: every {@value #SCENE_EVERY_DAYS} days up to
     * the latest of their mid-seasons (when their loans were asked for), from their earliest sowing, at most
     * {@value #MAX_PAST_SCENES}, newest kept.
     */
    static List<LocalDate> pastSceneDates(List<SeededField> fields, LocalDate today) {
        List<SeededField> past = fields.stream().filter(f -> f.harvest().isBefore(today)).toList();
        if (past.isEmpty()) return List.of();
        LocalDate first = past.stream().map(SeededField::sowing).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = past.stream().map(FieldSeeder::midSeason).max(LocalDate::compareTo).orElseThrow();
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = last; !d.isBefore(first) && dates.size() < MAX_PAST_SCENES; d = d.minusDays(SCENE_EVERY_DAYS)) dates.add(0, d);
        return dates;
    }

    /** Half way from sowing to harvest. */
    static LocalDate midSeason(SeededField f) {
        return f.sowing().plusDays(java.time.temporal.ChronoUnit.DAYS.between(f.sowing(), f.harvest()) / 2);
    }

    /** The season a year before the one {@link #season} gives, harvested before {@code today}. */
    static LocalDate[] pastSeason(FarmField f, LocalDate today) {
        LocalDate[] current = season(f, today);
        LocalDate[] past = {current[0].minusYears(1), current[1].minusYears(1)};
        return past[1].isBefore(today) ? past : current;
    }

    /**
     * Sowing a month before the curve's green-up and harvest a month after its senescence, in the season that runs
     * on {@code today} (or, failing that, the latest one sown by then).
     */
    static LocalDate[] season(FarmField f, LocalDate today) {
        LocalDate[] best = null;
        for (int year = today.getYear() - 1; year <= today.getYear(); year++) {
            LocalDate jan1 = LocalDate.of(year, 1, 1);
            LocalDate sowing = jan1.plusDays(Math.round(f.greenUpDoy()) - 1 - 30);
            LocalDate harvest = jan1.plusDays(Math.round(f.senescenceDoy()) - 1 + 30);
            if (sowing.isAfter(today)) continue;
            if (best == null || sowing.isAfter(best[0])) best = new LocalDate[]{sowing, harvest};
            if (today.isBefore(harvest)) best = new LocalDate[]{sowing, harvest};
        }
        if (best == null) best = new LocalDate[]{today.minusDays(60), today.plusDays(90)};
        return best;
    }

    /**
     * The crop agri-credit models for a simulated crop: barley is rated as wheat (both small grains) and sunflower as
     * sorghum (both drought-tolerant summer crops); the model has no curve of its own for either.
     */
    static String crop(String simulated) {
        return switch (simulated.toLowerCase(Locale.ROOT)) {
            case "maize" -> "MAIZE";
            case "wheat", "barley" -> "WHEAT";
            case "soybean" -> "SOYBEAN";
            case "sunflower", "sorghum" -> "SORGHUM";
            default -> throw new IllegalArgumentException("no crop model for simulated crop " + simulated);
        };
    }
}
