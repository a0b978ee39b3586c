package io.telerisk.launcher.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Passwords of the demo users, derived from the world's seed and the username: a rerun of the demo prints the same
 * logins, and two worlds of one seed have the same ones. They are printed on the terminal and only as secret as
 * the seed: for a demo on 127.0.0.1, never for users of a real hub.
 */
final class DemoPasswords {
    private DemoPasswords() {
    }

    static String of(long seed, String username) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("telerisk-demo-password:" + seed + ":" + username)
                    .getBytes(StandardCharsets.UTF_8));
            // 12 URL-safe characters: above the hub's 10-character minimum and easy to copy
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
