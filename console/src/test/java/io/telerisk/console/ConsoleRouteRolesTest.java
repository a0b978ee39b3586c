package io.telerisk.console;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each screen's roles are exactly the roles the API admits to the calls the screen needs (its {@code api} in
 * {@code routes.js}): the test asks the hub, as a user of each role, for every one of those calls, and compares the
 * answer with the console's route table, its navigation and its route guard in the browser. So a screen can neither
 * be offered to a role the API refuses (the ledger was once offered to tenant operators) nor hidden from one it serves.
 */
class ConsoleRouteRolesTest extends ConsoleTestBase {
    /** One user of each role, all of tenant acme (ConsoleHub). */
    private static final Map<Role, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put(Role.INSURER, "ann");
        USERS.put(Role.ADJUSTER, "cat");
        USERS.put(Role.OPERATOR, "eve");
        USERS.put(Role.PLATFORM_OPERATOR, "pat");
        USERS.put(Role.FARMER, "fay");
        USERS.put(Role.LENDER, "lena");
    }

    /** A route as routes.js declares it. */
    private record Route(String path, Set<String> roles, List<String> api, String nav) {
    }

    @Test
    void everyScreensRolesAreTheRolesTheApiAdmitsToItsCalls() throws Exception {
        List<Route> routes = consoleRoutes();
        assertTrue(routes.size() >= 20 && routes.stream().allMatch(r -> !r.api().isEmpty()),
                "every route names the API calls it needs: " + routes);
        Map<String, Set<String>> admitted = admittedRoles(routes);
        List<String> drift = new ArrayList<>();
        for (Route r : routes) {
            if (!admitted.get(r.path()).equals(new TreeSet<>(r.roles()))) {
                drift.add(r.path() + ": console " + new TreeSet<>(r.roles()) + ", API " + admitted.get(r.path()));
            }
        }
        assertEquals(List.of(), drift, "routes.js roles against the API's answers");

        // and the browser, role by role: the navigation offers exactly the admitted screens, the guard refuses the rest
        for (Map.Entry<Role, String> u : USERS.entrySet()) {
            String role = u.getKey().wireName();
            browser.signIn(u.getValue());
            @SuppressWarnings("unchecked")
            Set<String> nav = new TreeSet<>((List<String>) browser.script(
                    "return [...document.querySelectorAll('#nav-list a')].map(a => a.getAttribute('href').slice(2))"));
            Set<String> expected = new TreeSet<>();
            routes.stream().filter(r -> r.nav() != null && admitted.get(r.path()).contains(role)).forEach(r -> expected.add(r.path()));
            assertEquals(expected, nav, "navigation of " + role);
            for (Route r : routes) {
                if (admitted.get(r.path()).contains(role)) continue;
                String at = sample(r.path());
                browser.go(at);
                assertEquals("Not available", browser.heading(), role + " opening " + at);
            }
        }
    }

    /** For each route, the roles whose user the API admits to every call the route lists. */
    private static Map<String, Set<String>> admittedRoles(List<Route> routes) throws Exception {
        Map<String, Set<String>> admitted = new LinkedHashMap<>();
        for (Route r : routes) {
            Set<String> roles = new TreeSet<>();
            for (Map.Entry<Role, String> u : USERS.entrySet()) {
                String token = hub.token("acme", u.getValue(), u.getKey());
                boolean all = true;
                for (String call : r.api()) all &= admits(call, token, r.path() + " as " + u.getKey().wireName());
                if (all) roles.add(u.getKey().wireName());
            }
            admitted.put(r.path(), roles);
        }
        return admitted;
    }

    /**
     * Whether the API lets this token make the call: a GET must answer 200 (its data is what the screen shows); a
     * write is sent with an empty body, which the API refuses as invalid (4xx, nothing written) once the role has
     * passed, or with 403 when it has not.
     */
    private static boolean admits(String call, String token, String what) throws Exception {
        String method = call.substring(0, call.indexOf(' '));
        String path = call.substring(call.indexOf(' ') + 1).replace("{type}", "vehicle")
                .replace("{id}", switch (call.contains("/claims/") ? "claim" : call.contains("/agri/fields/") ? "field"
                        : call.contains("/lender/loans/") ? "loan" : "none") {
                    case "claim" -> hub.claimToDecide;
                    case "field" -> "maize-north";
                    case "loan" -> hub.approvedLoan;
                    default -> "no-such-" + "id";
                });
        HttpResponse<String> r = "GET".equals(method) ? hub.get(query(path).isEmpty() ? path : path + "?" + query(path), token)
                : hub.post(path, token, new JsonObject());
        int s = r.statusCode();
        assertTrue(s != 401 && s < 500, what + ": " + call + " answered " + s + " " + r.body());
        if (s == 403) return false;
        if ("GET".equals(method) && !path.contains("no-such-")) assertEquals(200, s, what + ": " + call + " " + r.body());
        return true;
    }

    /** Query parameters for a GET: none (defaults), but one vehicle only where each vehicle read is a logged position read. */
    private static String query(String path) {
        return path.endsWith("/fleet/positions") ? "limit=1" : "";
    }

    /** The address of a route with sample parameters. */
    private static String sample(String path) {
        return path.replace(":id", switch (path.substring(0, path.indexOf('/'))) {
            case "adjuster" -> hub.claimToDecide;
            case "farmer" -> "maize-north";
            case "lender" -> hub.approvedLoan;
            default -> "sample-1";
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Route> consoleRoutes() {
        browser.driver.get(hub.consoleUrl() + "?routes=1");
        Object result = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import(new URL('js/routes.js', location.href).href).then(m => done(m.ROUTES.map(r =>"
                + " ({path: r.path, roles: r.roles, api: r.api || [], nav: r.nav || null}))), e => done(String(e)));");
        if (!(result instanceof List<?> list)) throw new AssertionError("routes.js did not load: " + result);
        List<Route> routes = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> m = (Map<String, Object>) o;
            routes.add(new Route((String) m.get("path"), new TreeSet<>((List<String>) m.get("roles")), (List<String>) m.get("api"), (String) m.get("nav")));
        }
        return routes;
    }
}
