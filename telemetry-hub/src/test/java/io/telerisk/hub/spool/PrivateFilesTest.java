package io.telerisk.hub.spool;

import io.telerisk.hub.ingest.FileDeadLetterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Issue #12: the data directory is readable by the hub's user only (directories 0700, files 0600). */
class PrivateFilesTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theSpoolAndTheDeadLettersAreCreatedPrivate() throws Exception {
        Path data = tmp.resolve("data");
        PrivateFiles.createDirectory(data);
        assertEquals("rwx------", mode(data));
        try (DiskSpool spool = DiskSpool.open(data.resolve("spool"), 1024 * 1024)) {
            spool.append(java.util.List.of(new byte[]{1, 2, 3}));
        }
        try (FileDeadLetterStore dl = FileDeadLetterStore.open(data.resolve("dead-letters"), 4096, 2)) {
            assertNotNull(dl);
        }
        int files = 0;
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p)) {
                    assertEquals("rwx------", mode(p), p.toString());
                } else {
                    assertEquals("rw-------", mode(p), p.toString());
                    files++;
                }
            }
        }
        assertTrue(files >= 3, "spool lock, a segment and the dead-letter file were checked: " + files);
    }

    @Test
    void aDataDirectoryWrittenWithTheUmaskIsTightened() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("old/sub"));
        Path file = Files.writeString(data.resolve("sor.mv.db"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.restrictTree(tmp.resolve("old"));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(tmp.resolve("old")));
    }
}
