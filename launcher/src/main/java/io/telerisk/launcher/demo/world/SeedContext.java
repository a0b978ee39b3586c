package io.telerisk.launcher.demo.world;

import io.telerisk.hub.agri.AgriApi;
import io.telerisk.hub.api.DemoProvisioner.DemoLogin;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.claims.ClaimsApi;
import io.telerisk.hub.pricing.PricingApi;
import io.telerisk.sim.fleet.Fleet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What every seeder of the demo world works with: the hub's domain facades (the same ones the REST API calls), the
 * simulated fleet whose devices the world is about, the demo logins (who authors, who approves), the seed and the
 * instants the world is dated from.
 *
 * @param tenant    the demo tenant
 * @param seed      the world's seed (the fleet's seed too)
 * @param fleet     the simulated devices
 * @param logins    the demo users, {@code perRole} of every role, in role order
 * @param simStart  first replayed instant (devices were installed a day before)
 * @param now       when the world is seeded (the hub's clock)
 * @param scenesDir where Sentinel-2 scenes of the farm fields are written
 */
public record SeedContext(String tenant, long seed, Fleet fleet, List<DemoLogin> logins, Instant simStart, Instant now,
                          Path scenesDir, PricingApi pricing, AgriApi agri, ClaimsApi claims) {
    public SeedContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(fleet, "fleet");
        logins = List.copyOf(logins);
        Objects.requireNonNull(simStart, "simStart");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(scenesDir, "scenesDir");
        Objects.requireNonNull(pricing, "pricing (the hub runs without pricing)");
        Objects.requireNonNull(agri, "agri (the hub runs without crop credit)");
        Objects.requireNonNull(claims, "claims (the hub runs without claims)");
    }

    /** The n-th (from 1) demo user of a role. */
    public DemoLogin login(Role role, int n) {
        return logins.stream().filter(l -> l.role() == role).skip(n - 1L).findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo user " + n + " with role " + role.wireName()));
    }

    /** The n-th demo user of a role as a principal, for facades that check roles. */
    public Principal principal(Role role, int n) {
        return new Principal(login(role, n).username(), tenant, Set.of(role));
    }

    /** The demo users of a role. */
    public List<DemoLogin> logins(Role role) {
        return logins.stream().filter(l -> l.role() == role).toList();
    }

    /** Today, UTC: the date loans are decided on and covers must be in force. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
