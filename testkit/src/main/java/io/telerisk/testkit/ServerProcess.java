package io.telerisk.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server binary run as a child process for a test: started on its own ports with its own data directory, stopped
 * and restarted on demand, killed when the JVM exits.
 */
final class ServerProcess {
    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final int readyPort;
    private Process process;

    ServerProcess(String name, List<String> command, Path workDir, int readyPort) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.readyPort = readyPort;
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, name + "-reaper"));
    }

    /** The running server's process id, or -1 when it is not running. */
    synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) return;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".log").toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start with code " + process.exitValue()
                        + "; log: " + tail(workDir.resolve(name + ".log")));
            }
            if (isListening(readyPort)) return;
            sleep(50);
        }
        kill();
        throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + readyPort + " within " + timeout
                + "; log: " + tail(workDir.resolve(name + ".log")));
    }

    /** Graceful stop (SIGTERM), so servers persist their state; waits until the port is free. */
    synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (isListening(readyPort) && System.nanoTime() < deadline) sleep(50);
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private synchronized void kill() {
        if (process != null && process.isAlive()) process.destroyForcibly();
    }

    static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds an executable on the usual paths, or fails naming the package that provides it. */
    static String requireBinary(String binary, String debianPackage) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
            File f = new File(dir, binary);
            if (f.canExecute()) return f.getPath();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, binary);
                if (f.canExecute()) return f.getPath();
            }
        }
        throw new IllegalStateException(binary + " is not installed, and this integration test needs a real one. "
                + "Install it (Debian: apt-get install " + debianPackage + "), or run the test command "
                + "(bin/platform test), which installs it.");
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDirIn(Path parent, String prefix) {
        try {
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
