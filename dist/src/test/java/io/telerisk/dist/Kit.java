package io.telerisk.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Where the kit's files are in the source tree, and running the tools that check them. */
final class Kit {
    /** conf/ of the archive (tests run from the module directory). */
    static final Path CONF = Path.of("src", "conf");
    static final Path BIN = Path.of("src", "bin");

    private Kit() {
    }

    /** Output of a command (stdout and stderr together) and its exit code. */
    record Run(int exit, String output) {
    }

    /** Runs a tool that must be installed; fails with what to install when it is not. */
    static Run run(String installHint, List<String> cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(cmd.get(0) + " is needed for this test: " + installHint);
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        return new Run(p.exitValue(), out);
    }

    /** A self-signed certificate for 127.0.0.1 made by openssl: cert and key as PEM. */
    static void makeCertificate(Path cert, Path key) throws Exception {
        Run r = run("apt-get install openssl", List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString()));
        assertTrue(r.exit() == 0, "openssl failed: " + r.output());
    }

    static List<Path> exampleConfigurations() throws IOException {
        try (var s = Files.list(CONF)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList();
        }
    }
}
