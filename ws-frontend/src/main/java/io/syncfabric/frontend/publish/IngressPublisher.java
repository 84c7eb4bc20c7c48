package io.syncfabric.frontend.publish;

import io.syncfabric.config.KafkaClientSecurity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes client and HTTP publishes to the ingress topic as plain backend records, so they take the
 * same path through the sequencer as any backend's.
 */
public final class IngressPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public IngressPublisher(String bootstrap, KafkaClientSecurity security, String topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(security.applyTo(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 1,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Completes when Kafka acknowledged the record, or exceptionally when it did not. */
  public CompletableFuture<RecordMetadata> publish(String channel, byte[] payload, String contentType) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", contentType.getBytes(StandardCharsets.US_ASCII));
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic, null, channel.getBytes(StandardCharsets.UTF_8), payload, headers),
          (meta, error) -> {
            if (error != null) {
              result.completeExceptionally(error);
            } else {
              result.complete(meta);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
