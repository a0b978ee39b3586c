package io.telerisk.hub.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 for human passwords, stored as {@code pbkdf2-sha256$iterations$salt$hash} so the work
 * factor can be raised later without invalidating existing hashes: a hash below the current work factor still
 * verifies, and {@link #needsRehash} tells the caller to store a new one (done at the user's next login).
 */
public final class PasswordHasher {
    /**
     * Default work factor: OWASP's Password Storage Cheat Sheet (2023 onwards) asks for at least 600,000 iterations
     * of PBKDF2-HMAC-SHA256. A few hundred milliseconds of one core per login; the token endpoint is throttled.
     */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final int iterations;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    public PasswordHasher(int iterations) {
        if (iterations < 1_000) throw new IllegalArgumentException("PBKDF2 iterations must be at least 1000");
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Whether the password matches a stored hash; false for a malformed stored value. */
    public boolean verify(String password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !"pbkdf2-sha256".equals(p[0])) return false;
        try {
            int iter = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iter));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a stored hash should be replaced: another scheme, a malformed value, or fewer iterations than ours. */
    public boolean needsRehash(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !"pbkdf2-sha256".equals(p[0])) return true;
        try {
            return Integer.parseInt(p[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
