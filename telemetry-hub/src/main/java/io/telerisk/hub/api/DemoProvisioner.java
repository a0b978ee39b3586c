package io.telerisk.hub.api;

import io.telerisk.hub.auth.ApiUser;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.registry.DeviceConflictException;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Provisions a demo tenant: one user per role ({@code <tenant>-insurer}, ..., {@code <tenant>-operator} the tenant's
 * operator, and {@code <tenant>-platform_operator} a platform operator kept in the demo tenant so a demo and the tests
 * can show cross-tenant work; a real platform's first platform operator comes from {@code --bootstrap-operator}), a few devices with fresh MQTT
 * credentials, and a ready bearer token per role, for the launcher's demo and end-to-end tests. Idempotent: users
 * that exist are kept (their tokens are minted directly), devices that exist get a rotated credential. Blocking.
 */
public final class DemoProvisioner {
    private final UserStore users;
    private final JdbcDeviceRegistry registry;
    private final TokenService tokens;

    public DemoProvisioner(UserStore users, JdbcDeviceRegistry registry, TokenService tokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * What was provisioned.
     *
     * @param tenant    the demo tenant
     * @param users     username per role
     * @param passwords password per role for users created by this call (absent for users that already existed)
     * @param tokens    a bearer token per role
     * @param devices   device credentials (MQTT username and token)
     */
    public record DemoSetup(String tenant, Map<Role, String> users, Map<Role, String> passwords,
                            Map<Role, String> tokens, List<DeviceCredential> devices) {
        @Override
        public String toString() {
            return "DemoSetup[" + tenant + ", users=" + users.values() + ", devices=" + devices.size() + "]";
        }
    }

    /** Provisions {@code tenant} with one device of each type: {@code car-1}, {@code watch-1}, {@code field-1}. */
    public DemoSetup provision(String tenant) {
        return provision(tenant, List.of(new DeviceKey(tenant, DeviceType.VEHICLE, "car-1"),
                new DeviceKey(tenant, DeviceType.WEARABLE, "watch-1"),
                new DeviceKey(tenant, DeviceType.FARM_SENSOR, "field-1")));
    }

    public DemoSetup provision(String tenant, List<DeviceKey> devices) {
        Map<Role, String> names = new EnumMap<>(Role.class);
        Map<Role, String> passwords = new EnumMap<>(Role.class);
        Map<Role, String> issued = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String username = tenant + "-" + role.wireName();
            names.put(role, username);
            ApiUser user = users.find(username).orElse(null);
            if (user == null) {
                String password = randomPassword();
                try {
                    user = users.create(tenant, username, password, Set.of(role));
                    passwords.put(role, password);
                } catch (UserStore.UserExistsException raced) {
                    user = users.find(username).orElseThrow();
                }
            }
            if (!user.tenant().equals(tenant)) {
                throw new IllegalStateException("user " + username + " exists in tenant " + user.tenant() + ", not " + tenant);
            }
            issued.put(role, tokens.issue(new Principal(username, tenant, user.roles())).token());
        }
        return new DemoSetup(tenant, Map.copyOf(names), Map.copyOf(passwords), Map.copyOf(issued), provisionDevices(devices));
    }

    /**
     * A demo login: the username and password a person types (null when the user existed and its password has been
     * changed since), the role, and a bearer token minted now.
     */
    public record DemoLogin(String username, Role role, String password, String token) {
        @Override
        public String toString() {
            return "DemoLogin[" + username + ", " + role.wireName() + "]";
        }
    }

    /**
     * {@code perRole} users of every role, named {@code <tenant>-<role>-<n>} (n from 1), so that four-eyes steps have a
     * second person. A user that does not exist is created with {@code passwordFor.apply(username)}; one that exists is
     * kept, and its password is reported only while it still is that one (a demo derives passwords from its seed, so a
     * second run prints the same logins). Each gets a fresh token. In role order, then by number.
     *
     * @throws IllegalStateException when such a username exists in another tenant
     */
    public List<DemoLogin> provisionLogins(String tenant, int perRole, Function<String, String> passwordFor) {
        if (perRole < 1) throw new IllegalArgumentException("perRole must be >= 1: " + perRole);
        List<DemoLogin> out = new ArrayList<>();
        for (Role role : Role.values()) {
            for (int n = 1; n <= perRole; n++) {
                String username = tenant + "-" + role.wireName() + "-" + n;
                String password = passwordFor.apply(username);
                ApiUser user = users.find(username).orElse(null);
                boolean created = false;
                if (user == null) {
                    try {
                        user = users.create(tenant, username, password, Set.of(role));
                        created = true;
                    } catch (UserStore.UserExistsException raced) {
                        user = users.find(username).orElseThrow();
                    }
                }
                if (!user.tenant().equals(tenant)) {
                    throw new IllegalStateException("user " + username + " exists in tenant " + user.tenant() + ", not " + tenant);
                }
                boolean known = created || users.authenticate(username, password).isPresent();
                out.add(new DemoLogin(username, role, known ? password : null,
                        tokens.issue(new Principal(username, tenant, user.roles())).token()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Registers these devices (those that exist are kept) and issues each a fresh MQTT credential, which replaces the
     * one it had.
     */
    public List<DeviceCredential> provisionDevices(List<DeviceKey> devices) {
        List<DeviceCredential> creds = new ArrayList<>();
        for (DeviceKey key : devices) {
            try {
                registry.register(key, "demo " + key.type().wireName());
            } catch (DeviceConflictException exists) {
                // kept from an earlier demo run
            }
            creds.add(registry.issueCredential(key).orElseThrow(
                    () -> new IllegalStateException("device id " + key.deviceId() + " is registered with another type")));
        }
        return List.copyOf(creds);
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
