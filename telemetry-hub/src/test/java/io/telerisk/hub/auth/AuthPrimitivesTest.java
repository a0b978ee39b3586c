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

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void loginThrottleDelaysProgressivelyPerSourceAndPerUsernameAcrossHubsAndNeverLocks() throws Exception {
        try (SystemOfRecord sor = h2()) {
            HandClock clock = new HandClock();
            LoginThrottle hubA = LoginThrottle.defaults(sor.dataSource(), clock);
            LoginThrottle hubB = LoginThrottle.defaults(sor.dataSource(), clock);
            // spraying: one address, a different name each time; the allowance is shared by both hubs
            for (int i = 0; i < 10; i++) {
                assertTrue((i % 2 == 0 ? hubA : hubB).check("user-" + i, "198.51.100.7").allowed(), "free attempt " + i);
                (i % 2 == 0 ? hubA : hubB).failed("user-" + i, "198.51.100.7");
            }
            LoginThrottle.Verdict slowed = hubB.check("user-10", "198.51.100.7");
            assertFalse(slowed.allowed(), "the eleventh name from that address waits");
            assertEquals(Duration.ofSeconds(1), slowed.retryAfter());
            assertTrue(slowed.reason().contains("address"), slowed.reason());
            assertTrue(hubA.check("user-10", "198.51.100.8").allowed(), "another address is not slowed");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(hubA.check("user-10", "198.51.100.7").allowed(), "a delay, not a lock-out: after the wait it may try");
            hubA.failed("user-10", "198.51.100.7");
            assertEquals(Duration.ofSeconds(2), hubB.check("user-11", "198.51.100.7").retryAfter(), "each further failure doubles it");
            for (int i = 0; i < 20; i++) hubA.failed("user-x", "198.51.100.7");
            assertEquals(Duration.ofMinutes(15), hubB.check("user-12", "198.51.100.7").retryAfter(), "up to the cap");
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            assertTrue(hubB.check("user-12", "198.51.100.7").allowed(), "an hour without failures forgets the address");

            // one account guessed from many addresses: 20 free, then at most 30 s; a right password clears it
            for (int i = 0; i < 25; i++) hubA.failed("alice", "203.0.113." + i);
            LoginThrottle.Verdict alice = hubB.check("alice", "203.0.113.200");
            assertFalse(alice.allowed());
            assertTrue(alice.retryAfter().compareTo(Duration.ofSeconds(30)) <= 0, "never more than 30 s for a user: " + alice);
            hubA.succeeded("alice");
            assertTrue(hubB.check("alice", "203.0.113.200").allowed());

            // IPv6 counts per /64: one host cannot spray from 2^64 addresses
            for (int i = 0; i < 10; i++) hubA.failed("bob-" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
            assertFalse(hubB.check("carol", "2001:db8:1:2:ffff::1").allowed());
            assertTrue(hubB.check("carol", "2001:db8:1:3::1").allowed());

            long before = rows(sor);
            hubA.failed("x".repeat(100_000), "not an address");
            hubA.failed("bad name/with slash", "x".repeat(500));
            assertEquals(before, rows(sor), "malformed names and addresses are never remembered");
            try (var c = sor.dataSource().getConnection()) {
                LoginThrottle.trimTo(c, 5);
            }
            assertEquals(5, rows(sor), "the table is kept below its bound, the oldest failures first");
        }
    }

    private static long rows(SystemOfRecord sor) throws java.sql.SQLException {
        try (var c = sor.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM login_throttle")) {
            rs.next();
            return rs.getLong(1);
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
