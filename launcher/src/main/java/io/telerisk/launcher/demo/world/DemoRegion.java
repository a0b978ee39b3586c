package io.telerisk.launcher.demo.world;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where the demo world lives. Crops must be in season on the demo's date (loans are decided on today's crop), and the
 * simulated seasons follow the hemisphere (sowing around April in the north, October in the south), so the demo
 * picks the hemisphere whose season runs on its date: the Vienna basin from May to mid-September, the Argentine
 * Pampa otherwise. The radius is small enough (farms spread over twice it) for one synthetic Sentinel-2 scene to
 * cover every field.
 *
 * @param name      region name, as fields are registered with it (peers are compared within a region)
 * @param latDeg    centre
 * @param lonDeg    centre
 * @param radiusKm  devices live within this radius (farms within twice it)
 * @param zone      local time zone of the drivers' routines
 */
public record DemoRegion(String name, double latDeg, double lonDeg, double radiusKm, ZoneId zone) {
    public static final DemoRegion VIENNA_BASIN = new DemoRegion("vienna-basin", 48.2082, 16.3738, 3, ZoneId.of("Europe/Vienna"));
    public static final DemoRegion PAMPA = new DemoRegion("pampa-humeda", -33.8900, -60.5700, 3, ZoneId.of("America/Argentina/Buenos_Aires"));

    /** The region whose crops are growing on {@code date}. */
    public static DemoRegion forDate(LocalDate date) {
        int doy = date.getDayOfYear();
        return doy >= 125 && doy <= 258 ? VIENNA_BASIN : PAMPA;
    }
}
