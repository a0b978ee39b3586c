package io.telerisk.hub.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.codec.RejectReason;

import java.time.Duration;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The hub's meters, scraped by Prometheus at {@code GET /metrics}: JVM (memory, GC, threads, CPU), ingest
 * counters read live from {@link IngestStats}, telemetry store latency (through {@link TimedTelemetryStore}) and
 * HTTP request latency by route.
 */
public final class HubMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public HubMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Exposes the ingest counters; each scrape reads the current values. */
    public void bindIngest(IngestStats stats) {
        counter("telerisk_ingest_messages_received", "MQTT messages received", stats, s -> s.snapshot().messagesReceived());
        counter("telerisk_ingest_messages_stored", "messages durably stored", stats, s -> s.snapshot().messagesStored());
        counter("telerisk_ingest_points_stored", "samples stored", stats, s -> s.snapshot().pointsStored());
        counter("telerisk_ingest_events_stored", "device events stored", stats, s -> s.snapshot().eventsStored());
        counter("telerisk_ingest_duplicates", "messages dropped as duplicates (device, sequence)", stats, s -> s.snapshot().duplicates());
        counter("telerisk_ingest_spooled", "messages written to the disk spool while the store was unavailable", stats, s -> s.snapshot().spooled());
        counter("telerisk_ingest_spool_replayed", "messages replayed from the spool", stats, s -> s.snapshot().spoolReplayed());
        for (RejectReason r : RejectReason.values()) {
            FunctionCounter.builder("telerisk_ingest_rejected", stats, s -> s.snapshot().rejected().getOrDefault(r, 0L))
                    .description("messages rejected, by reason").tag("reason", r.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (io.telerisk.hub.ingest.MqttRefusal r : io.telerisk.hub.ingest.MqttRefusal.values()) {
            FunctionCounter.builder("telerisk_mqtt_refused", stats, s -> s.refusals(r))
                    .description("packets the built-in MQTT endpoint refused and connections it ended, by reason (issue #12)")
                    .tag("reason", r.label()).register(registry);
        }
    }

    /** Refused device logins this hub recorded, by reason ({@code telerisk_device_logins_refused_total{reason}}). */
    public void bindRefusedLogins(io.telerisk.hub.registry.JdbcRefusedLogins refused) {
        for (io.telerisk.hub.registry.LoginRefusal.Reason r : io.telerisk.hub.registry.LoginRefusal.Reason.values()) {
            FunctionCounter.builder("telerisk_device_logins_refused", refused, x -> x.recorded(r))
                    .description("device logins (MQTT CONNECTs) the built-in endpoint refused, by reason").tag("reason", r.wireName())
                    .register(registry);
        }
    }

    private void counter(String name, String help, IngestStats stats, ToDoubleFunction<IngestStats> f) {
        FunctionCounter.builder(name, stats, f).description(help).register(registry);
    }

    /** The store with every call timed as {@code telerisk_store_seconds{op=...}}. */
    public TelemetryStore timed(TelemetryStore store) {
        return new TimedTelemetryStore(store, registry);
    }

    /** Records one HTTP request. */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("telerisk_http_server_requests")
                .description("REST API requests by route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** A counter whose value something else keeps (exported with the suffix {@code _total}). */
    public <T> void functionCounter(String name, String help, T obj, ToDoubleFunction<T> f) {
        FunctionCounter.builder(name, obj, f).description(help).register(registry);
    }

    /** A gauge of something live, e.g. connected devices. */
    public <T> void gauge(String name, String help, T obj, ToDoubleFunction<T> f) {
        Gauge.builder(name, obj, f).description(help).register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
