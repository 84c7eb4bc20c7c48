package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.client.FabricMessage;
import io.syncfabric.tests.support.RecordingClient;
import io.syncfabric.tests.support.TestFabric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The spine end to end on real parts: a plain Kafka producer → ingress → the sequencer (restarted
 * midway) → events → two Undertow frontends → 200 WebSocket clients.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SpineDeliveryIT {
  static final int CHANNELS = 100;
  static final int MESSAGES = 10_000;
  static final int CLIENTS = 200;
  static final int CHANNELS_PER_CLIENT = 5;

  static TestFabric fabric;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("spine", 2);
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @Test
  void everyClientGetsEveryMessageOfItsChannelsOnceInSeqOrderAcrossASequencerRestart() throws Exception {
    List<RecordingClient> clients = new ArrayList<>();
    List<List<String>> subscriptions = new ArrayList<>();
    String token = fabric.token("spine", List.of("spine:*"));
    for (int i = 0; i < CLIENTS; i++) {
      var frontend = fabric.frontends().get(i % 2);
      RecordingClient client = RecordingClient.connect(frontend.publicUrl(), token);
      List<String> channels = new ArrayList<>();
      for (int k = 0; k < CHANNELS_PER_CLIENT; k++) {
        String channel = channel((i * CHANNELS_PER_CLIENT + k) % CHANNELS);
        client.subscribe(channel);
        channels.add(channel);
      }
      clients.add(client);
      subscriptions.add(channels);
    }

    try (KafkaProducer<String, String> producer = plainProducer()) {
      publish(producer, 0, MESSAGES / 2);
      producer.flush();
      // Restart with empty local state: the counters must come back from the changelog. The second
      // half is published while no sequencer runs and waits in the ingress topic.
      fabric.stopSequencer();
      publish(producer, MESSAGES / 2, MESSAGES);
      producer.flush();
      fabric.startSequencer();
    }

    int perChannel = MESSAGES / CHANNELS;
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
        clients.stream().allMatch(c -> c.total() >= perChannel * CHANNELS_PER_CLIENT));

    for (int i = 0; i < CLIENTS; i++) {
      RecordingClient client = clients.get(i);
      assertThat(client.total()).as("client %d total", i).isEqualTo(perChannel * CHANNELS_PER_CLIENT);
      for (String channel : subscriptions.get(i)) {
        List<FabricMessage> got = client.messages(channel);
        assertThat(got).as("client %d on %s", i, channel).hasSize(perChannel);
        assertThat(got).extracting(FabricMessage::epoch).as("one epoch across the restart").containsOnly(got.get(0).epoch());
        for (int n = 0; n < perChannel; n++) {
          FabricMessage m = got.get(n);
          assertThat(m.seq()).as("client %d %s position %d", i, channel, n).isEqualTo(n + 1);
          assertThat(m.origin()).isEqualTo("a");
          // publish order within a channel is preserved: message k of the channel carries k
          assertThat(m.data().get("k").asInt()).isEqualTo(n);
        }
      }
    }
    clients.forEach(RecordingClient::close);
  }

  private static void publish(KafkaProducer<String, String> producer, int from, int to) {
    for (int i = from; i < to; i++) {
      int channel = i % CHANNELS;
      int k = i / CHANNELS;
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), channel(channel), "{\"k\":" + k + ",\"i\":" + i + "}"));
    }
  }

  private static String channel(int n) {
    return "spine:" + n;
  }

  static KafkaProducer<String, String> plainProducer() {
    Properties p = new Properties();
    p.putAll(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }
}
