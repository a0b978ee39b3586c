package io.telerisk.agent.queue;

import io.telerisk.model.topic.Channel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process for the crash test: appends forever and prints each sequence once {@code append} returned,
 * acking every third one, until it is killed with SIGKILL.
 */
public final class QueueWriterProcess {
    public static void main(String[] args) throws Exception {
        QueueConfig cfg = QueueConfig.defaults(Path.of(args[0])).withSegmentBytes(64 * 1024).withMaxBytes(64L << 20, 64L << 20);
        DurableQueue q = DurableQueue.open(cfg);
        byte[] filler = "x".repeat(300).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            long seq = q.append(Priority.RAW, Channel.TELEMETRY, "application/json", s -> filler).orElseThrow();
            if (seq % 3 == 0) {
                q.ack(seq);
                System.out.println("acked " + seq);
            } else {
                System.out.println("appended " + seq);
            }
            System.out.flush();
        }
    }
}
