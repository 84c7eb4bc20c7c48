package io.syncfabric.bridge.sequencer;

import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import io.syncfabric.schema.InvalidEnvelopeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka serde for envelopes in single-object encoding; accepts unsequenced ones (re-key topic). */
final class EnvelopeSerde {
  private EnvelopeSerde() {}

  static Serde<Envelope> serde() {
    return Serdes.serdeFrom(
        (topic, envelope) -> envelope == null ? null : EnvelopeCodec.encode(envelope),
        (topic, bytes) -> {
          try {
            return bytes == null ? null : EnvelopeCodec.decodeAny(bytes);
          } catch (InvalidEnvelopeException e) {
            throw new SerializationException("not an envelope on " + topic + ": " + e.reason(), e);
          }
        });
  }
}
