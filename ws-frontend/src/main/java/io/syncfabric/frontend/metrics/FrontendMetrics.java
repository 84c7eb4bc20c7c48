package io.syncfabric.frontend.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.frontend.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The frontend's meters, registered once with cloud and node tags. Tags are low-cardinality: error
 * codes and reasons, never channel names or users.
 */
public final class FrontendMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Counter connectionsOpened;
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final Map<String, Counter> closed = new ConcurrentHashMap<>();
  private final Map<String, Counter> badEnvelopes = new ConcurrentHashMap<>();
  private final Map<String, Counter> httpRejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> recoveries = new ConcurrentHashMap<>();
  private final io.micrometer.core.instrument.DistributionSummary replayed;
  private final io.micrometer.core.instrument.Timer recoveryTime;
  private final Counter historyErrors;
  private final Counter messagesIn;
  private final Counter messagesOut;
  private final Counter duplicates;
  private final Counter publishAccepted;
  private final Counter publishFailed;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final io.micrometer.core.instrument.Timer fanoutLatency;
  private final LiveStats live = new LiveStats();
  private final RecentEvents events;

  public FrontendMetrics(String cloud, String node) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(Tags.of("cloud", cloud, "node", node));
    events = new RecentEvents(node, 200);
    fanoutLatency = io.micrometer.core.instrument.Timer.builder("fabric.fanout.latency")
        .description("From the backend's publish (Kafka record timestamp) to the frame handed to the client's socket")
        .publishPercentileHistogram()
        .minimumExpectedValue(java.time.Duration.ofMillis(1))
        .maximumExpectedValue(java.time.Duration.ofSeconds(30))
        .register(registry);
    connectionsOpened = Counter.builder("fabric.connections.opened")
        .description("WebSocket connections accepted").register(registry);
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, Counter.builder("fabric.ws.errors")
          .description("Errors sent to clients, by code (auth failures and limit hits included)")
          .tag("code", code.tag()).register(registry));
    }
    messagesIn = Counter.builder("fabric.messages.in")
        .description("Envelopes read from the events topic").register(registry);
    messagesOut = Counter.builder("fabric.messages.out")
        .description("Message frames enqueued to clients").register(registry);
    duplicates = Counter.builder("fabric.messages.duplicates")
        .description("Envelopes dropped because their position was already delivered").register(registry);
    publishAccepted = Counter.builder("fabric.publish").tag("outcome", "accepted")
        .description("Client and HTTP publishes by outcome").register(registry);
    publishFailed = Counter.builder("fabric.publish").tag("outcome", "failed")
        .description("Client and HTTP publishes by outcome").register(registry);
    replayed = io.micrometer.core.instrument.DistributionSummary.builder("fabric.recovery.replayed")
        .description("Messages replayed per successful recovery").publishPercentiles(0.5, 0.99).register(registry);
    recoveryTime = io.micrometer.core.instrument.Timer.builder("fabric.recovery.duration")
        .description("From subscribe with since to the subscriber going live").publishPercentiles(0.5, 0.99)
        .register(registry);
    historyErrors = Counter.builder("fabric.history.errors")
        .description("Hot history writes or reads that failed").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** Records behind the end of events partition {@code partition}; registered once per partition. */
  /** {@code origin}: the cloud whose stream the topic carries (this cloud's, or a mirrored one's). */
  public void consumerLagGauge(String origin, int partition, Supplier<Number> lag) {
    Gauge.builder("fabric.kafka.consumer.lag", lag)
        .description("Events not yet read by this frontend, per origin cloud and partition of the events topic or its mirrored copy")
        .tag("origin", origin)
        .tag("partition", Integer.toString(partition)).register(registry);
  }

  public void connectionOpened() {
    connectionsOpened.increment();
  }

  /** A connection ended; {@code reason} is a short tag such as client, slow-consumer, invalid-token. */
  public void connectionClosed(String reason) {
    closed.computeIfAbsent(reason, r -> Counter.builder("fabric.connections.closed")
        .description("Connections closed, by reason").tag("reason", r).register(registry)).increment();
  }

  public void error(ErrorCode code) {
    errors.get(code).increment();
    events.add("error", code.tag());
  }

  /** A live message frame reached a client's socket {@code ms} after it was published. */
  public void fanoutLatency(long ms) {
    fanoutLatency.record(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    live.recordLatencyMs(ms);
  }

  /** Closes one live-stats interval (called every heartbeat). */
  public LiveStats.Snapshot tickLive() {
    return live.tick((long) messagesIn.count(), (long) messagesOut.count(), System.currentTimeMillis());
  }

  public LiveStats.Snapshot liveStats() {
    return live.last();
  }

  public RecentEvents events() {
    return events;
  }

  public void messageIn() {
    messagesIn.increment();
  }

  public void messagesOut(int deliveries) {
    if (deliveries > 0) {
      messagesOut.increment(deliveries);
    }
  }

  public void duplicateDropped() {
    duplicates.increment();
  }

  /** A recovery that replayed {@code messages} from {@code source} (cache or kafka). */
  public void recovered(String source, int messages, long nanos) {
    recoveries.computeIfAbsent(source, r -> Counter.builder("fabric.recoveries")
        .description("Subscriptions with since, by outcome: cache, kafka or failed")
        .tag("outcome", r).tag("reason", "ok").register(registry)).increment();
    replayed.record(messages);
    events.add("recovery", "replayed " + messages + " from " + source);
    recoveryTime.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** A recovery that could not fill the gap (the client got recovered=false). */
  public void recoveryFailed(String reason) {
    recoveries.computeIfAbsent("failed:" + reason, r -> Counter.builder("fabric.recoveries")
        .description("Subscriptions with since, by outcome: cache, kafka or failed")
        .tag("outcome", "failed").tag("reason", reason).register(registry)).increment();
    events.add("recovery-failed", reason);
  }

  /** A failed hot-history write or read (Kafka still has the message). */
  public void historyError() {
    historyErrors.increment();
  }

  /** Another frontend was dropped from the pool by this one (its presence and counts cleaned up). */
  public void poolDeparture() {
    counter("fabric.pool.departures", "Frontends this one removed from the pool after their heartbeat stopped");
  }

  public void drainStarted() {
    counter("fabric.drains", "Drains started on this frontend");
  }

  public void reconnectHintSent() {
    counter("fabric.reconnect.hints", "reconnect frames sent to clients during drain");
  }

  private void counter(String name, String description) {
    Counter.builder(name).description(description).register(registry).increment();
  }

  public void httpRejected(String reason) {
    httpRejected.computeIfAbsent(reason, r -> Counter.builder("fabric.http.rejected")
        .description("HTTP API requests refused, by reason").tag("reason", r).register(registry)).increment();
  }

  public void badEnvelope(String reason) {
    badEnvelopes.computeIfAbsent(reason, r -> Counter.builder("fabric.envelopes.invalid")
        .description("Records on the events topic that are not valid envelopes, by reason")
        .tag("reason", r).register(registry)).increment();
  }

  public void publishAccepted() {
    publishAccepted.increment();
  }

  public void publishFailed() {
    publishFailed.increment();
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
