package io.telerisk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Mosquitto broker for one test: its own port, its own persistence directory, so a test can stop and
 * restart it without touching the machine's broker on 1883.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final ServerProcess process;

    private MosquittoBroker(Map<String, String> users) {
        this(users, 1_000_000, 10, null);
    }

    private MosquittoBroker(Map<String, String> users, int maxQueuedMessages, int sysIntervalSeconds) {
        this(users, maxQueuedMessages, sysIntervalSeconds, null);
    }

    private MosquittoBroker(Map<String, String> users, int maxQueuedMessages, int sysIntervalSeconds, String acl) {
        this(users, null, maxQueuedMessages, sysIntervalSeconds, acl);
    }

    private MosquittoBroker(Map<String, String> users, String passwordFile, int maxQueuedMessages, int sysIntervalSeconds, String acl) {
        String binary = ServerProcess.requireBinary("mosquitto", "mosquitto");
        this.dir = ServerProcess.tempDir("mosquitto-test-");
        this.port = ServerProcess.freePort();
        StringBuilder conf = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("persistence true\n")
                .append("persistence_location ").append(dir).append("/\n")
                // Mosquitto writes its whole in-memory database (every queued message) at each autosave: with 1 s, a
                // subscriber that falls behind made the broker spend more CPU per message than the hub; it saves on
                // SIGTERM anyway, which is how stop() and restart() end it
                .append("autosave_interval 1800\n")
                .append("max_queued_messages ").append(maxQueuedMessages).append('\n')
                .append("sys_interval ").append(sysIntervalSeconds).append('\n')
                .append("max_inflight_messages 1000\n")
                .append("log_dest stdout\n")
                // as root, mosquitto would switch to user "mosquitto", who cannot read this private directory
                .append("user ").append(System.getProperty("user.name")).append('\n');
        if (passwordFile != null) {
            try {
                Path file = dir.resolve("passwd");
                Files.writeString(file, passwordFile);
                conf.append("allow_anonymous false\n").append("password_file ").append(file).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (users.isEmpty()) {
            conf.append("allow_anonymous true\n");
        } else {
            conf.append("allow_anonymous false\n").append("password_file ").append(writePasswordFile(users)).append('\n');
        }
        if (acl != null) {
            try {
                Path aclFile = dir.resolve("acl");
                Files.writeString(aclFile, acl);
                conf.append("acl_file ").append(aclFile).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.writeString(dir.resolve("mosquitto.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.process = new ServerProcess("mosquitto", List.of(binary, "-c", dir.resolve("mosquitto.conf").toString()), dir, port);
        process.start(Duration.ofSeconds(15));
    }

    /** Starts a broker that allows anonymous clients. */
    public static MosquittoBroker start() {
        return new MosquittoBroker(Map.of());
    }

    /**
     * Starts a broker (anonymous clients allowed) that queues at most {@code maxQueuedMessages} per client session and
     * drops the rest, publishing its {@code $SYS} counters (e.g. {@code $SYS/broker/publish/messages/dropped}) every
     * second: for tests of what a broker drops.
     */
    public static MosquittoBroker startWithQueueLimit(int maxQueuedMessages) {
        if (maxQueuedMessages < 1) throw new IllegalArgumentException("maxQueuedMessages must be positive");
        return new MosquittoBroker(Map.of(), maxQueuedMessages, 1);
    }

    /**
     * Starts a real {@code mosquitto_sub} process subscribed to {@code filter} at QoS 1 with a persistent MQTT 5
     * session ({@code sessionExpirySeconds} &gt; 0, clean start off) or none (0), printing each payload as a line to
     * {@code output}: a group member a fault test can stop ({@code kill -STOP}) and kill ({@code SIGKILL}).
     */
    public Process startSubscriberProcess(String clientId, long sessionExpirySeconds, String filter, Path output) {
        String tool = ServerProcess.requireBinary("mosquitto_sub", "mosquitto-clients");
        List<String> cmd = new java.util.ArrayList<>(List.of(tool, "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "5",
                "-i", clientId, "-q", "1", "-t", filter));
        if (sessionExpirySeconds > 0) cmd.addAll(List.of("-c", "-x", Long.toString(sessionExpirySeconds)));
        try {
            return new ProcessBuilder(cmd).redirectOutput(output.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + tool, e);
        }
    }

    /**
     * Starts a broker that only accepts these username/password pairs and restricts them with this Mosquitto ACL
     * file text ({@code user …} / {@code topic read|write|readwrite …} lines).
     */
    public static MosquittoBroker startWithUsersAndAcl(Map<String, String> usernameToPassword, String acl) {
        if (usernameToPassword.isEmpty()) throw new IllegalArgumentException("an ACL needs users");
        return new MosquittoBroker(usernameToPassword, 1_000_000, 10, acl);
    }

    /**
     * Starts a broker with this password file text ({@code username:$7$…} lines, as {@code mosquitto_passwd} writes
     * them) and this ACL file text: for testing files generated elsewhere.
     */
    public static MosquittoBroker startWithPasswordFileAndAcl(String passwordFile, String acl) {
        return new MosquittoBroker(Map.of(), passwordFile, 1_000_000, 10, acl);
    }

    /** Starts a broker that only accepts these username/password pairs. */
    public static MosquittoBroker startWithUsers(Map<String, String> usernameToPassword) {
        if (usernameToPassword.isEmpty()) throw new IllegalArgumentException("no users");
        return new MosquittoBroker(usernameToPassword);
    }

    private Path writePasswordFile(Map<String, String> users) {
        String tool = ServerProcess.requireBinary("mosquitto_passwd", "mosquitto");
        Path file = dir.resolve("passwd");
        try {
            Files.writeString(file, "");
            for (Map.Entry<String, String> u : users.entrySet()) {
                Process p = new ProcessBuilder(tool, "-b", file.toString(), u.getKey(), u.getValue())
                        .redirectErrorStream(true).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("mosquitto_passwd failed for user " + u.getKey());
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's process id (for CPU accounting in benchmarks), or -1 when it is not running. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}, as Paho expects. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker gracefully (it saves sessions and queued messages). */
    public void stop() {
        process.stop();
    }

    /** Starts it again on the same port with the same persistence. */
    public void startAgain() {
        process.start(Duration.ofSeconds(15));
    }

    /** Stop, then start. */
    public void restart() {
        stop();
        startAgain();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() {
        process.stop();
        ServerProcess.deleteTree(dir);
    }
}
