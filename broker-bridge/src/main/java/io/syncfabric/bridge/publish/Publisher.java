package io.syncfabric.bridge.publish;

import io.syncfabric.schema.ChannelName;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A typed way for JVM backends to publish to the fabric. It writes the same plain record any Kafka
 * client can write (key = channel, value = payload, optional {@code content-type} and
 * {@code idempotency-key} headers) to the ingress topic, after checking the channel name locally.
 *
 * <pre>{@code
 * try (Publisher publisher = Publisher.builder().bootstrapServers("127.0.0.1:19092").build()) {
 *   publisher.publishJson("chat:lobby", "{\"text\":\"hi\"}").join();
 * }
 * }</pre>
 */
public final class Publisher implements AutoCloseable {
  public static final String CONTENT_TYPE_HEADER = "content-type";
  public static final String IDEMPOTENCY_KEY_HEADER = "idempotency-key";

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  Publisher(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Publishes a JSON document; clients receive it as the {@code data} value of their message. */
  public CompletableFuture<PublishResult> publishJson(String channel, String json) {
    return publish(Message.of(channel, json.getBytes(StandardCharsets.UTF_8)).contentType("application/json"));
  }

  public CompletableFuture<PublishResult> publish(String channel, byte[] payload) {
    return publish(Message.of(channel, payload));
  }

  public CompletableFuture<PublishResult> publish(Message message) {
    if (!ChannelName.isValid(message.channel)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("invalid channel name: " + message.channel));
    }
    RecordHeaders headers = new RecordHeaders();
    if (message.contentType != null) {
      headers.add(CONTENT_TYPE_HEADER, message.contentType.getBytes(StandardCharsets.US_ASCII));
    }
    if (message.idempotencyKey != null) {
      headers.add(IDEMPOTENCY_KEY_HEADER, message.idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }
    message.headers.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
    var record = new ProducerRecord<>(topic, null, message.channel.getBytes(StandardCharsets.UTF_8),
        message.payload, headers);
    CompletableFuture<PublishResult> result = new CompletableFuture<>();
    producer.send(record, (meta, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(new PublishResult(meta.topic(), meta.partition(), meta.offset(), meta.timestamp()));
      }
    });
    return result;
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }

  /** One message to publish. */
  public static final class Message {
    private final String channel;
    private final byte[] payload;
    private String contentType;
    private String idempotencyKey;
    private final Map<String, String> headers = new HashMap<>();

    private Message(String channel, byte[] payload) {
      this.channel = Objects.requireNonNull(channel, "channel");
      this.payload = Objects.requireNonNull(payload, "payload");
    }

    public static Message of(String channel, byte[] payload) {
      return new Message(channel, payload);
    }

    public Message contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /** Lets consumers recognise a retried publish of the same logical message. */
    public Message idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /** A text header carried through to clients. */
    public Message header(String name, String value) {
      headers.put(name, value);
      return this;
    }
  }

  /** Builds a publisher with safe producer defaults (idempotent, acks=all, short linger). */
  public static final class Builder {
    private final Map<String, Object> props = new HashMap<>();
    private String topic = "fabric.ingress";

    private Builder() {
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    }

    public Builder bootstrapServers(String servers) {
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
      return this;
    }

    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** Any other producer setting (security, batching). */
    public Builder producerProperty(String key, Object value) {
      props.put(key, value);
      return this;
    }

    public Publisher build() {
      if (!props.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalStateException("bootstrapServers is required");
      }
      return new Publisher(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()), topic);
    }
  }
}
