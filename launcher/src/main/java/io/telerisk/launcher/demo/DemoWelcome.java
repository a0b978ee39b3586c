package io.telerisk.launcher.demo;

import io.telerisk.hub.api.DemoProvisioner.DemoLogin;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceType;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What the demo prints once the world runs: the console and the logins first (a newcomer's first step), then
 * bearer tokens, devices to publish to by hand, the seeded world and a few commands to try.
 */
final class DemoWelcome {
    private DemoWelcome() {
    }

    static void print(PrintStream out, DemoWorld world, List<DeviceCredential> handsOn) {
        String api = world.hub().apiUrl();
        String tenant = world.settings().tenant();
        out.println();
        out.println("Telerisk demo is running — " + world.start().why());
        out.println();
        out.println("  Console   " + api + "/console      (log in with any user below)");
        out.println();
        out.println("Logins (tenant " + tenant + ", two per role: four-eyes steps need the second):");
        for (DemoLogin l : world.logins()) {
            out.printf("  %-10s %-22s password %s%n", l.role().wireName(), l.username(),
                    l.password() == null ? "(changed since the first run)" : l.password());
        }
        out.println();
        out.println("  REST API  " + api + "/api/v1    OpenAPI " + api + "/api/v1/openapi.json    reference: docs/api.md");
        out.println("  API docs  " + api + "/docs/     (Swagger UI; Authorize with a bearer token below)");
        out.println("  health    " + api + "/health    metrics " + api + "/metrics");
        out.println("  journeys  docs/journeys.md walks each role through its job on this world");
        out.println();
        out.println("Bearer tokens (valid " + world.hub().config().api().tokenTtl().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + "; POST /api/v1/auth/token with a login above gives a new one):");
        for (DemoLogin l : world.logins()) {
            if (l.username().endsWith("-1")) out.printf("  %-10s %s%n", l.role().wireName(), l.token());
        }
        out.println();
        int mqtt = world.hub().mqttPort();
        out.println("MQTT      mqtt://127.0.0.1:" + mqtt + "  (username " + tenant + "/<deviceId>, password: the device's token)");
        out.println("Devices for you to publish to (the fleet's own are busy replaying):");
        for (DeviceCredential c : handsOn) out.printf("  %-9s %-11s username %-18s token %s%n", c.device().type().wireName(),
                c.device().deviceId(), c.username(), c.token());
        handsOn.stream().filter(c -> c.device().type() == DeviceType.VEHICLE).findFirst().ifPresent(c -> {
            String id = c.device().deviceId();
            out.println("  e.g. a position of " + id + ":");
            out.println("  mosquitto_pub -V mqttv5 -h 127.0.0.1 -p " + mqtt + " -q 1 -u '" + c.username() + "' -P '" + c.token()
                    + "' -t v1/" + tenant + "/vehicle/" + id + "/telemetry -m \"{\\\"v\\\":1,\\\"tenant\\\":\\\"" + tenant
                    + "\\\",\\\"device\\\":\\\"" + id + "\\\",\\\"type\\\":\\\"vehicle\\\",\\\"seq\\\":$(date +%s),\\\"sentAt\\\":\\\"$(date -u +%FT%TZ)\\\","
                    + "\\\"samples\\\":[{\\\"t\\\":\\\"$(date -u +%FT%TZ)\\\",\\\"lat\\\":" + world.region().latDeg() + ",\\\"lon\\\":"
                    + world.region().lonDeg() + ",\\\"speedMps\\\":12.5}]}\"");
        });
        out.println();
        out.println("World: " + world.summary());
        out.println("Fleet: " + world.replay().deviceKeys().size() + " devices replaying from " + world.replay().start() + " at "
                + world.settings().speed() + "x; once a device catches up with the present it goes on live, in real time,"
                + " until you stop the demo (parked vehicles report where they stand every "
                + world.settings().parkedReport().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ")");
        out.println();
        String insurer = token(world, Role.INSURER);
        String op = token(world, Role.OPERATOR);
        String car = world.replay().deviceKeys().get(0).deviceId();
        LocalDate from = LocalDate.ofInstant(world.replay().start(), ZoneOffset.UTC);
        LocalDate to = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        out.println("Try:");
        out.println("  curl -s -H 'Authorization: Bearer " + op + "' " + api + "/api/v1/stats/ingest");
        out.println("  curl -s -H 'Authorization: Bearer " + insurer + "' " + api + "/api/v1/pricing/plans");
        out.println("  curl -s -H 'Authorization: Bearer " + insurer + "' '" + api + "/api/v1/devices/vehicle/" + car
                + "/daily-usage?from=" + from + "&to=" + to + "'");
        out.println("  (daily usage appears as the replay completes each simulated day)");
        out.println();
    }

    private static String token(DemoWorld world, Role role) {
        return world.logins().stream().filter(l -> l.role() == role).findFirst().map(DemoLogin::token).orElse("?");
    }
}
