package io.telerisk.model.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundledFilesTest {
    private static final BundledFiles TWO = new BundledFiles(BundledFilesTest.class, "/bundle-test/",
            List.of("a.txt", "sub/b.txt"), "the test bundle");

    @Test
    void copiesEveryNamedFileIntoNestedFolders(@TempDir Path dir) throws IOException {
        TWO.copyTo(dir.resolve("x"));
        assertEquals("alpha\n", Files.readString(dir.resolve("x/a.txt")));
        assertEquals("beta\n", Files.readString(dir.resolve("x/sub/b.txt")));
    }

    @Test
    void loadsThroughACopyThatIsGoneAfterwards() throws IOException {
        AtomicReference<Path> seen = new AtomicReference<>();
        String b = TWO.loadViaCopy("bundle-test", d -> {
            seen.set(d);
            return Files.readString(d.resolve("sub/b.txt"));
        });
        assertEquals("beta\n", b);
        assertFalse(Files.exists(seen.get()), "the temporary copy is deleted");
    }

    @Test
    void aMissingFileNamesTheBundleAndThePath(@TempDir Path dir) {
        BundledFiles broken = new BundledFiles(BundledFilesTest.class, "/bundle-test/", List.of("a.txt", "gone.bin"),
                "the test bundle");
        IOException e = assertThrows(IOException.class, () -> broken.copyTo(dir));
        assertTrue(e.getMessage().contains("the test bundle lacks /bundle-test/gone.bin"), e.getMessage());
    }
}
