package io.telerisk.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of named processes over a run, from {@code /proc/<pid>/stat} (user + system). On a shared, noisy machine
 * throughput moves with the neighbours' load; CPU time per message moves far less, so the bench reports both.
 */
final class ProcessCpu {
    /** Linux USER_HZ; the kernel exports it as 100 on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> start = new LinkedHashMap<>();

    ProcessCpu add(String name, long pid) {
        if (pid > 0) pids.put(name, pid);
        return this;
    }

    ProcessCpu begin() {
        pids.forEach((n, p) -> start.put(n, ticks(p)));
        return this;
    }

    /** CPU seconds each process used since {@link #begin()}, in insertion order; -1 when unreadable. */
    Map<String, Double> secondsSinceBegin() {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((n, p) -> {
            long now = ticks(p), then = start.getOrDefault(n, -1L);
            out.put(n, now < 0 || then < 0 ? -1 : (now - then) / TICKS_PER_SECOND);
        });
        return out;
    }

    /** "name 12.3 µs" per message for each process, and the total. */
    String perMessage(long messages) {
        return perUnit(messages, "message");
    }

    /**
     * "name 12.3 µs" per {@code unit} for each process, then the sum over the hub processes (named {@code hub-1},
     * {@code hub-2}, …) when there are several, and the total.
     */
    String perUnit(long units, String unit) {
        StringBuilder sb = new StringBuilder();
        double total = 0, hubs = 0;
        int hubCount = 0;
        for (var e : secondsSinceBegin().entrySet()) {
            if (e.getValue() < 0) continue;
            double us = e.getValue() * 1e6 / Math.max(1, units);
            total += us;
            if (e.getKey().startsWith(HUB_PREFIX)) {
                hubs += us;
                hubCount++;
            }
            sb.append(String.format(Locale.ROOT, "%s %.1f µs, ", e.getKey(), us));
        }
        if (hubCount > 1) sb.append(String.format(Locale.ROOT, "%d hubs together %.1f µs, ", hubCount, hubs));
        return sb.append(String.format(Locale.ROOT, "total %.1f µs CPU per %s", total, unit)).toString();
    }

    /** Name prefix of hub processes, summed by {@link #perUnit}. */
    static final String HUB_PREFIX = "hub-";

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: fields are counted after its closing ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15 of the line)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
