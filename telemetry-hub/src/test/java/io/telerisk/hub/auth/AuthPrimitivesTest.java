package io.telerisk.hub.auth;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthPrimitivesTest {
    @TempDir
    Path dir;

    @Test
    void jwtSecretIsGeneratedOncePerDataDirWithOwnerOnlyPermissions() throws Exception {
        String a = JwtSecretFile.loadOrCreate(dir.resolve("data"));
        Path file = dir.resolve("data").resolve(JwtSecretFile.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(a.length() >= 43, "256 bits");
        assertEquals(a, JwtSecretFile.loadOrCreate(dir.resolve("data")), "stable across restarts");
        assertNotEquals(a, JwtSecretFile.loadOrCreate(dir.resolve("other")), "one per data dir");
        Files.writeString(file, "short");
        assertThrows(IllegalStateException.class, () -> JwtSecretFile.loadOrCreate(dir.resolve("data")));
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
