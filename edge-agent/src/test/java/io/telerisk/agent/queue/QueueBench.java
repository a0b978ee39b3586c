package io.telerisk.agent.queue;

import io.telerisk.model.topic.Channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Throughput of the durable queue: append (with the force before publish that the link does), read and ack,
 * for 1 KiB messages (about a 10-sample JSON batch). Reports the median of 5 runs per fsync policy.
 * Run: {@code java -cp <test classpath> io.telerisk.agent.queue.QueueBench [messages] [burst]}; burst = messages
 * appended before the publisher reads them (1: a device trickling live data, 100: backlog after a pause).
 */
public final class QueueBench {
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        byte[] payload = new byte[1024];
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        System.out.println("messages appended per publish round (group commit): " + burst);
        for (FsyncPolicy policy : FsyncPolicy.values()) {
            int count = policy == FsyncPolicy.OS ? n : Math.max(200, n / 20);
            double[] rates = new double[5];
            for (int run = 0; run < rates.length; run++) {
                Path dir = Files.createTempDirectory("queue-bench");
                try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir).withFsync(policy))) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < count; i += burst) {
                        long first = q.nextSequence();
                        for (int j = 0; j < burst; j++) q.append(Priority.RAW, Channel.TELEMETRY, "application/json", s -> payload).orElseThrow();
                        for (long seq = first; seq < first + burst; seq++) {
                            q.read(seq).orElseThrow(); // forces under BATCH, like the publisher does
                            q.ack(seq);
                        }
                    }
                    rates[run] = count / ((System.nanoTime() - t0) / 1e9);
                } finally {
                    try (Stream<Path> s = Files.walk(dir)) {
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            Arrays.sort(rates);
            System.out.printf("%-6s %6d msgs x5: median %,.0f msg/s (min %,.0f, max %,.0f)%n", policy, count, rates[2], rates[0], rates[4]);
        }
    }
}
