package io.telerisk.hub.registry;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A device token hashed the way Mosquitto 2 reads its password file: {@code $7$iterations$salt$hash}, PBKDF2-HMAC-SHA512
 * with a 12-byte salt and a 64-byte hash, base64 (what {@code mosquitto_passwd} writes). Kept next to the registry's
 * own hash when a credential is issued, because a salted SHA-256 cannot be turned into this one later and the token
 * itself is never stored: the broker's password file is then generated from the registry
 * ({@link BrokerAccessFiles}). Mosquitto's own iteration count (101) is enough: tokens are 256 random bits.
 */
public final class MosquittoPasswordHash {
    static final int ITERATIONS = 101;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoPasswordHash() {
    }

    /** The password-file hash of {@code password} with a fresh salt. */
    public static String of(String password) {
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        return of(password, salt, ITERATIONS);
    }

    static String of(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            byte[] hash = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 missing from this JVM", e);
        }
    }
}
