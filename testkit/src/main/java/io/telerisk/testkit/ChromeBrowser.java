package io.telerisk.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private headless Chromium for browser tests: starts Debian's {@code chromedriver} (package
 * {@code chromium-driver}) on a free port with its own work directory; a test connects a WebDriver client to
 * {@link #webDriverUrl()} and asks for {@link #binary()} with {@link #arguments()}. Each browser gets a fresh
 * profile directory, and Chromium is told not to call home (updates, sync, background networking), so a test never
 * depends on the network or on a user's profile. Fails naming the missing package when either binary is absent.
 */
public final class ChromeBrowser implements AutoCloseable {
    private final String binary;
    private final Path workDir;
    private final int port;
    private final ServerProcess driver;

    private ChromeBrowser(String binary, String driverBinary, Path workDir, int port) {
        this.binary = binary;
        this.workDir = workDir;
        this.port = port;
        this.driver = new ServerProcess("chromedriver", List.of(driverBinary, "--port=" + port,
                "--allowed-ips=127.0.0.1", "--log-path=" + workDir.resolve("chromedriver-verbose.log")), workDir, port);
    }

    /** Starts chromedriver; the browser itself starts when a client opens a session. */
    public static ChromeBrowser start() {
        String chromium = ServerProcess.requireBinary("chromium", "chromium");
        String driverBinary = ServerProcess.requireBinary("chromedriver", "chromium-driver");
        ChromeBrowser b = new ChromeBrowser(chromium, driverBinary, ServerProcess.tempDir("chrome-"), ServerProcess.freePort());
        b.driver.start(Duration.ofSeconds(20));
        return b;
    }

    /** The W3C WebDriver endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI webDriverUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The Chromium executable the session must use. */
    public String binary() {
        return binary;
    }

    /**
     * Command-line arguments for a headless, sandbox-free (tests run as root in CI), quiet browser with a fresh
     * profile under this browser's work directory.
     */
    public List<String> arguments() {
        return List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + ServerProcess.tempDirIn(workDir, "profile-"));
    }

    @Override
    public void close() {
        driver.stop();
        ServerProcess.deleteTree(workDir);
    }
}
