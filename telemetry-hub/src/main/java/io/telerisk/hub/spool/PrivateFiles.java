package io.telerisk.hub.spool;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hub's data directory holds positions, health data, credentials' hashes and the token signing key (H2): only the
 * hub's own user may read it (issue #12). Directories are created 0700 and files 0600 on POSIX file systems; elsewhere
 * (Windows) the platform's defaults apply.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) and makes it readable by its owner only. */
    public static void createDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) Files.setPosixFilePermissions(dir, DIR);
    }

    /** Creates {@code file} readable by its owner only, if it does not exist yet. */
    public static void createFile(Path file) throws IOException {
        if (Files.exists(file)) return;
        try {
            if (POSIX) Files.createFile(file, privateFile());
            else Files.createFile(file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created meanwhile: fine
        }
    }

    /**
     * Tightens a data directory written by an older hub (or by H2 with the process umask): every directory below
     * becomes 0700 and every file 0600. A path the hub may not change (another owner) is logged and left as it is.
     */
    public static void restrictTree(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) continue;
                try {
                    Files.setPosixFilePermissions(p, Files.isDirectory(p) ? DIR : FILE);
                } catch (IOException e) {
                    System.getLogger(PrivateFiles.class.getName()).log(System.Logger.Level.WARNING,
                            "cannot make " + p + " private to the hub's user: " + e);
                }
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> privateFile() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }
}
