package io.telerisk.hub.auth;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthPrimitivesTest {
    private static SystemOfRecord h2() {
        return SystemOfRecord.open("jdbc:h2:mem:u-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
    }

    @Test
    void signingKeyIsGeneratedOnceInTheDatabaseAndReadBackByEveryHub() {
        try (SystemOfRecord sor = h2()) {
            List<SigningKey> first = SigningKeys.loadOrCreate(sor.dataSource(), Clock.systemUTC());
            assertEquals(1, first.size());
            assertTrue(first.get(0).secret().length() >= 43, "256 bits");
            assertEquals(first, SigningKeys.loadOrCreate(sor.dataSource(), Clock.systemUTC()), "a second hub reads the same key");
            assertFalse(first.get(0).toString().contains(first.get(0).secret()), "never printed");
        }
    }

    @Test
    void aTokenWithoutExpiryIsRefusedEvenWhenCorrectlySigned() {
        Vertx vertx = Vertx.vertx();
        try {
            String secret = "secret-a-secret-a-secret-a-secret-a-0000";
            TokenService service = new TokenService(vertx, secret, Duration.ofMinutes(5));
            io.vertx.ext.auth.jwt.JWTAuth jwt = io.vertx.ext.auth.jwt.JWTAuth.create(vertx, new io.vertx.ext.auth.jwt.JWTAuthOptions()
                    .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
            io.vertx.core.json.JsonObject claims = new io.vertx.core.json.JsonObject().put("tenant", "acme")
                    .put("roles", new io.vertx.core.json.JsonArray().add("operator"));
            String forever = jwt.generateToken(claims.copy(), new io.vertx.ext.auth.JWTOptions().setSubject("mallory")
                    .setIssuer(TokenService.ISSUER).setNoTimestamp(true));
            assertTrue(assertFails(service, forever), "no exp");
            String bounded = jwt.generateToken(claims.copy(), new io.vertx.ext.auth.JWTOptions().setSubject("mallory")
                    .setIssuer(TokenService.ISSUER).setExpiresInSeconds(60));
            assertEquals("mallory", service.verify(bounded).await().username(), "control: same key with exp");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void tokensCarryTheUsersTokenVersionAndKeyId() {
        Vertx vertx = Vertx.vertx();
        try {
            TokenService a = new TokenService(vertx, List.of(
                    new SigningKey("k2", "new-key-new-key-new-key-new-key-new-key-0", Instant.parse("2026-02-01T00:00:00Z")),
                    new SigningKey("k1", "old-key-old-key-old-key-old-key-old-key-0", Instant.parse("2026-01-01T00:00:00Z"))),
                    Duration.ofMinutes(5));
            String t = a.issue(new Principal("alice", "acme", Set.of(Role.INSURER)), 7).token();
            assertEquals(7, a.verifyToken(t).await().version());
            String header = new String(java.util.Base64.getUrlDecoder().decode(t.split("\\.")[0]));
            assertTrue(header.contains("\"kid\":\"k2\""), "the newest key signs: " + header);
            TokenService oldOnly = new TokenService(vertx, List.of(
                    new SigningKey("k1", "old-key-old-key-old-key-old-key-old-key-0", Instant.parse("2026-01-01T00:00:00Z"))),
                    Duration.ofMinutes(5));
            String old = oldOnly.issue(new Principal("bob", "acme", Set.of(Role.FARMER)), 0).token();
            assertEquals("bob", a.verify(old).await().username(), "older keys still verify after a rotation");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void anOlderHashIsReplacedAtTheNextLoginWithTheCurrentWorkFactor() {
        try (SystemOfRecord sor = h2()) {
            new UserStore(sor.dataSource(), new PasswordHasher(10_000), Clock.systemUTC())
                    .create("acme", "alice", "s3cret-passphrase", Set.of(Role.INSURER));
            assertTrue(storedHash(sor).startsWith("pbkdf2-sha256$10000$"));
            UserStore upgraded = new UserStore(sor.dataSource(), new PasswordHasher(20_000), Clock.systemUTC());
            assertTrue(upgraded.authenticate("alice", "wrong-passphrase").isEmpty());
            assertTrue(storedHash(sor).startsWith("pbkdf2-sha256$10000$"), "a wrong password changes nothing");
            assertTrue(upgraded.authenticate("alice", "s3cret-passphrase").isPresent());
            assertTrue(storedHash(sor).startsWith("pbkdf2-sha256$20000$"), storedHash(sor));
            assertTrue(upgraded.authenticate("alice", "s3cret-passphrase").isPresent(), "the new hash verifies");
            assertEquals(0, upgraded.find("alice").orElseThrow().tokenVersion(), "a rehash does not end the user's tokens");
        }
    }

    @Test
    void defaultWorkFactorFollowsCurrentGuidance() {
        assertTrue(PasswordHasher.DEFAULT_ITERATIONS >= 600_000);
        assertTrue(new PasswordHasher().needsRehash("pbkdf2-sha256$60000$c2FsdA==$aGFzaA=="));
        assertFalse(new PasswordHasher().needsRehash(new PasswordHasher().hash("correct horse battery")));
    }

    @Test
    void loginThrottleCountsInTheDatabaseAndNeverStoresMalformedNames() throws Exception {
        try (SystemOfRecord sor = h2()) {
            LoginThrottle hubA = LoginThrottle.defaults(sor.dataSource(), Clock.systemUTC());
            LoginThrottle hubB = LoginThrottle.defaults(sor.dataSource(), Clock.systemUTC());
            for (int i = 0; i < 3; i++) hubA.failed("alice");
            for (int i = 0; i < 2; i++) hubB.failed("alice");
            assertTrue(hubB.retryAfter("alice").toSeconds() > 0, "five failures over two hubs lock the name on both");
            assertTrue(hubA.retryAfter("alice").toSeconds() > 0);
            hubA.succeeded("alice");
            assertEquals(Duration.ZERO, hubB.retryAfter("alice"));
            hubA.failed("x".repeat(100_000));
            hubA.failed("bad name/with slash");
            try (var c = sor.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM login_failure")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "malformed names are never remembered");
            }
        }
    }

    private static String storedHash(SystemOfRecord sor) {
        try (var c = sor.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT password_hash FROM api_user")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void passwordHashesAreSaltedAndVerifyOnlyTheRightPassword() {
        PasswordHasher h = new PasswordHasher(10_000);
        String x = h.hash("correct horse");
        assertNotEquals(x, h.hash("correct horse"));
        assertTrue(x.startsWith("pbkdf2-sha256$10000$"));
        assertTrue(h.verify("correct horse", x));
        assertFalse(h.verify("correct horsf", x));
        assertFalse(h.verify("correct horse", "garbage"));
        assertFalse(h.verify("correct horse", "pbkdf2-sha256$x$y$z"));
        assertTrue(new PasswordHasher(20_000).verify("correct horse", x), "work factor read from the stored hash");
    }

    @Test
    void userStoreAuthenticatesAndNeverStoresThePassword() throws Exception {
        try (SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:u-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2)) {
            UserStore users = new UserStore(sor.dataSource(), new PasswordHasher(10_000), Clock.systemUTC());
            users.create("acme", "alice", "s3cret-passphrase", Set.of(Role.INSURER, Role.ADJUSTER));
            assertEquals(Set.of(Role.INSURER, Role.ADJUSTER), users.authenticate("alice", "s3cret-passphrase").orElseThrow().roles());
            assertTrue(users.authenticate("alice", "s3cret-passphrasE").isEmpty());
            assertTrue(users.authenticate("bob", "s3cret-passphrase").isEmpty());
            assertThrows(UserStore.UserExistsException.class, () -> users.create("other", "alice", "another-passphrase", Set.of(Role.FARMER)));
            assertThrows(IllegalArgumentException.class, () -> users.create("acme", "carol", "short", Set.of(Role.FARMER)));
            try (var c = sor.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT password_hash FROM api_user")) {
                assertTrue(rs.next());
                assertFalse(rs.getString(1).contains("s3cret"));
            }
        }
    }

    @Test
    void tokensCarryTenantAndRolesAndFailWithAnotherSecret() {
        Vertx vertx = Vertx.vertx();
        try {
            TokenService a = new TokenService(vertx, "secret-a-secret-a-secret-a-secret-a-0000", Duration.ofMinutes(5));
            TokenService b = new TokenService(vertx, "secret-b-secret-b-secret-b-secret-b-0000", Duration.ofMinutes(5));
            String t = a.issue(new Principal("alice", "acme", Set.of(Role.ADJUSTER, Role.INSURER))).token();
            Principal p = a.verify(t).await();
            assertEquals("alice", p.username());
            assertEquals("acme", p.tenant());
            assertEquals(Set.of(Role.ADJUSTER, Role.INSURER), p.roles());
            assertTrue(b.verify(t).failed() || assertFails(b, t));
            // a tampered payload (tenant swapped) fails the signature check
            String[] parts = t.split("\\.");
            String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"acme\"", "\"rival\"");
            String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
            assertTrue(assertFails(a, forged));
        } finally {
            vertx.close().await();
        }
    }

    private static boolean assertFails(TokenService s, String token) {
        try {
            s.verify(token).await();
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
