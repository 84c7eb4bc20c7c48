package io.syncfabric.bridge.sequencer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.syncfabric.bridge.BridgeConfig;
import io.syncfabric.bridge.topics.TopicProvisioner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the sequencer topology: provisions its topics, starts Kafka Streams, stops it cleanly. */
public final class Sequencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

  private final BridgeConfig config;
  private final MeterRegistry registry;
  private KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;

  public Sequencer(BridgeConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /** Creates missing topics and starts processing; returns once Kafka Streams is starting. */
  public synchronized void start() {
    if (streams != null) {
      throw new IllegalStateException("already started");
    }
    int ingressPartitions;
    try (Admin admin = Admin.create(adminProperties())) {
      TopicProvisioner topics = new TopicProvisioner(admin, 30_000);
      ingressPartitions = topics.ensure(config.ingressTopic(), config.topicPartitions(), Map.of());
      topics.ensure(config.eventsTopic(), config.topicPartitions(), Map.of());
      topics.ensure(config.dlqTopic(), 1, Map.of());
      int rekeyPartitions = topics.ensure(config.rekeyTopic(), ingressPartitions, Map.of());
      if (rekeyPartitions != ingressPartitions) {
        throw new IllegalStateException("topic " + config.rekeyTopic() + " has " + rekeyPartitions
            + " partitions but " + config.ingressTopic() + " has " + ingressPartitions + ": they must match");
      }
      for (var route : config.routes()) {
        topics.partitionCount(route.topic()); // fail fast, naming the topic, if a routed topic is missing
      }
    }
    var spec = new SequencerTopology.Spec(config.cloud(), config.ingressTopic(), config.eventsTopic(),
        config.dlqTopic(), config.rekeyTopic(), ingressPartitions, config.maxPayloadBytes(), config.routes(),
        Clock.systemUTC(), registry);
    streams = new KafkaStreams(SequencerTopology.build(spec), streamsProperties());
    streams.setUncaughtExceptionHandler(e -> {
      log.error("sequencer thread failed; replacing it (exactly-once restores from the last commit)", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    // Kafka Streams' own metrics (commit latency, process rate, producer transaction times) next to ours.
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    log.info("sequencer {} started: {} -> {} ({} partitions, {} routes)", config.applicationId(),
        config.ingressTopic(), config.eventsTopic(), ingressPartitions, config.routes().size());
  }

  /** True once every task is assigned and restored. */
  public synchronized boolean isRunning() {
    return streams != null && streams.state() == KafkaStreams.State.RUNNING;
  }

  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  @Override
  public synchronized void close() {
    if (streams != null) {
      streamsMetrics.close();
      streams.close(Duration.ofSeconds(30));
      streams = null;
    }
  }

  /** Settings of the admin client that provisions topics. */
  Map<String, Object> adminProperties() {
    return config.kafkaSecurity().applyTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()));
  }

  /** Settings of Kafka Streams; its consumers, producers and admin client all get the security settings. */
  Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // A task reads ingress and the (mostly empty) re-key partition; never hold ingress records back
    // waiting to order them by timestamp against it: seq order is processing order by design.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    // no global tables here; opting in now (the Kafka 5 default) keeps every start free of a warning
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Streams lingers 100 ms by default; the commit interval already batches, so don't wait twice.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1);
    // With transactions v2 (Kafka 4 brokers) a produce that opens the next transaction right after a
    // commit can get CONCURRENT_TRANSACTIONS; pipelined batches behind it then loop on
    // OUT_OF_ORDER_SEQUENCE_NUMBER and the task stalls (seen here under load). One request in
    // flight per broker removes the race; the commit interval already bounds how much is batched.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    // The first produce of a transaction often meets the previous commit still writing its markers
    // (CONCURRENT_TRANSACTIONS); the default 100 ms retry backoff put that straight into p90 latency.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 2);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 50);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
    p.putAll(config.kafkaSecurity().clientProps());
    return p;
  }
}
