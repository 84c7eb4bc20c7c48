package io.syncfabric.bridge.publish;

/** Where Kafka stored a published message. */
public record PublishResult(String topic, int partition, long offset, long timestamp) {}
