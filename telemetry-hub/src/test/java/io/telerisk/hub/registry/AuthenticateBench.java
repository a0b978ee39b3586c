package io.telerisk.hub.registry;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * How long {@link JdbcDeviceRegistry#authenticate} takes on the MQTT connect path: a cached hit, a wrong password
 * (cached), and an uncached load from the database. A bench main, not a test: run with
 * {@code java -cp <test classpath> io.telerisk.hub.registry.AuthenticateBench [jdbcUrl user password]}; prints
 * medians of repeated rounds.
 */
public final class AuthenticateBench {
    private AuthenticateBench() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        try (SystemOfRecord sor = SystemOfRecord.open(url, args.length > 1 ? args[1] : "sa", args.length > 2 ? args[2] : "", 4)) {
            JdbcDeviceRegistry cached = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
            JdbcDeviceRegistry uncached = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ZERO, Duration.ZERO);
            int devices = 1000;
            String[] users = new String[devices];
            String[] tokens = new String[devices];
            for (int i = 0; i < devices; i++) {
                DeviceKey k = new DeviceKey("bench", DeviceType.VEHICLE, "car-" + i);
                cached.register(k, null);
                DeviceCredential c = cached.issueCredential(k).orElseThrow();
                users[i] = c.username();
                tokens[i] = c.token();
            }
            report("cached hit", rounds(() -> check(cached, users, tokens, false), devices));
            report("cached wrong password", rounds(() -> check(cached, users, tokens, true), devices));
            report("uncached (database)", rounds(() -> check(uncached, users, tokens, false), devices));
            System.out.println("database: " + sor.dialect());
        }
    }

    private static void check(JdbcDeviceRegistry r, String[] users, String[] tokens, boolean wrong) {
        for (int i = 0; i < users.length; i++) {
            boolean ok = r.authenticate(users[i], wrong ? tokens[i] + "x" : tokens[i]).isPresent();
            if (ok == wrong) throw new IllegalStateException("unexpected result for " + users[i]);
        }
    }

    private static double[] rounds(Runnable round, int callsPerRound) {
        for (int i = 0; i < 5; i++) round.run(); // warm-up (and fills the cache)
        double[] nsPerCall = new double[15];
        for (int i = 0; i < nsPerCall.length; i++) {
            long t = System.nanoTime();
            round.run();
            nsPerCall[i] = (System.nanoTime() - t) / (double) callsPerRound;
        }
        Arrays.sort(nsPerCall);
        return nsPerCall;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf("%-24s median %8.0f ns/call  (min %8.0f, max %8.0f)%n", what, sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }
}
