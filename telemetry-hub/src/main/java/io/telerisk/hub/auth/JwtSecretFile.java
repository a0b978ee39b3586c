package io.telerisk.hub.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The HS256 signing secret of this hub's API tokens. It is never in the repository or the configuration: it is
 * generated (256 random bits) the first time a data directory is used and kept in {@code <dataDir>/jwt-secret}
 * with owner-only permissions (0600). Hubs sharing a data directory (or a copy of the file) accept each other's
 * tokens; deleting the file revokes every token at the next start.
 */
public final class JwtSecretFile {
    public static final String FILE_NAME = "jwt-secret";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtSecretFile() {
    }

    /** Reads the secret of this data directory, creating it on first use. */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                try {
                    create(file, secret);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.length() < 32) {
                throw new IllegalStateException("JWT secret in " + file + " is shorter than 32 characters; delete it to regenerate");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret " + file, e);
        }
    }

    private static void create(Path file, String secret) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            // Created with 0600 from the start, so there is no moment when others could read it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
