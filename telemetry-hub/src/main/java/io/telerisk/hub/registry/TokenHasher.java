package io.telerisk.hub.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Device tokens and their salted hashes. Tokens are 256 random bits, so a salted SHA-256 is enough to make a
 * leaked table useless (no dictionary to try), and it keeps authentication on every MQTT connect cheap;
 * slow password hashing (PBKDF2) is for human passwords, see {@code io.telerisk.hub.auth.PasswordHasher}.
 */
final class TokenHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TokenHasher() {
    }

    /** A new random device token, URL-safe base64 of 32 bytes. */
    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    static byte[] newSalt() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] hash(byte[] salt, String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(token.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Constant-time comparison so timing does not reveal how much of a guess was right. */
    static boolean matches(byte[] salt, byte[] expectedHash, String token) {
        return MessageDigest.isEqual(expectedHash, hash(salt, token));
    }

    static String encode(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] decode(String s) {
        return Base64.getDecoder().decode(s);
    }
}
