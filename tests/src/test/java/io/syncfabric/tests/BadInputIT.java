package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.auth.TokenMinter;
import io.syncfabric.tests.support.RawSocket;
import io.syncfabric.tests.support.RecordingClient;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every kind of bad input gets its documented error and a metric; nobody else notices. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadInputIT {
  static TestFabric fabric;
  static FrontendServer frontend;
  static String token;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("bad", 1, Map.of("ws.max.frame.bytes", "4096"),
        Map.of("sequencer.max.payload.bytes", "1024"));
    frontend = fabric.frontends().get(0);
    token = fabric.token("mallory", List.of("ok:*"));
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @Test
  void malformedFramesUnknownOpsAndForbiddenChannelsGetErrorsAndTheConnectionStaysUsable() throws Exception {
    try (RawSocket s = RawSocket.open(frontend.publicUrl())) {
      s.send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"ok:a\"}");
      assertError(s.next(), 103, 1);
      s.send("{\"op\":");
      assertError(s.next(), 100, null);
      s.send("[1,2,3]");
      assertError(s.next(), 100, null);
      s.send("{\"id\":2}");
      assertError(s.next(), 101, 2);
      s.send("{\"op\":\"connect\",\"id\":3,\"token\":\"" + token + "\"}");
      assertThat(s.next().get("op").asText()).isEqualTo("connected");
      s.send("{\"op\":\"launch-missiles\",\"id\":4}");
      assertError(s.next(), 102, 4);
      s.send("{\"op\":\"subscribe\",\"id\":5,\"channel\":\"secret:x\"}");
      assertError(s.next(), 110, 5);
      s.send("{\"op\":\"subscribe\",\"id\":6,\"channel\":\"has space\"}");
      assertError(s.next(), 105, 6);
      s.send("{\"op\":\"subscribe\",\"id\":7,\"a\":" + "[".repeat(40) + "]".repeat(40) + "}");
      assertError(s.next(), 100, null);
      s.sendBinary(new byte[] {1, 2, 3});
      assertError(s.next(), 109, null);
      s.send("{\"op\":\"ping\",\"id\":\"still-here\"}");
      JsonNode pong = s.next();
      assertThat(pong.get("op").asText()).isEqualTo("pong");
      assertThat(pong.get("id").asText()).isEqualTo("still-here");
    }
    String metrics = Scrape.metrics(frontend.port());
    for (String code : List.of("not-connected", "bad-frame", "bad-request", "unknown-op", "permission-denied",
        "bad-channel", "binary-not-supported")) {
      assertThat(Scrape.value(metrics, "fabric_ws_errors_total", "code", code)).as(code).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void wrongAndExpiredTokensAreRefusedAndClosedWithTheirCodes() throws Exception {
    TokenMinter otherKey = new TokenMinter("some-other-secret-some-other-secret-0000", Clock.systemUTC());
    TokenMinter rightKey = new TokenMinter(TestFabric.JWT_SECRET, Clock.systemUTC());
    Map<String, int[]> cases = new HashMap<>();
    cases.put("not-a-jwt", new int[] {150, 4501});
    cases.put(otherKey.mint("eve", List.of("*"), Duration.ofHours(1)), new int[] {150, 4501});
    cases.put(rightKey.mint("old", List.of("*"), Duration.ofSeconds(-3600)), new int[] {151, 4502});
    for (var c : cases.entrySet()) {
      try (RawSocket s = RawSocket.open(frontend.publicUrl())) {
        s.send("{\"op\":\"connect\",\"id\":1,\"token\":\"" + c.getKey() + "\"}");
        assertError(s.next(), c.getValue()[0], 1);
        assertThat(s.awaitClose()).isEqualTo(c.getValue()[1]);
      }
    }
    String metrics = Scrape.metrics(frontend.port());
    assertThat(Scrape.value(metrics, "fabric_ws_errors_total", "code", "invalid-token")).isGreaterThanOrEqualTo(2);
    assertThat(Scrape.value(metrics, "fabric_ws_errors_total", "code", "token-expired")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anOversizedFrameClosesWith1009() throws Exception {
    try (RawSocket s = RawSocket.open(frontend.publicUrl())) {
      s.send("{\"op\":\"ping\",\"pad\":\"" + "y".repeat(10_000) + "\"}");
      assertThat(s.awaitClose()).isEqualTo(1009);
    }
    await().atMost(Duration.ofSeconds(5)).until(() ->
        Scrape.value(Scrape.metrics(frontend.port()), "fabric_ws_errors_total", "code", "frame-too-large") >= 1);
  }

  @Test
  void badKafkaRecordsAreDeadLetteredWithTheirReasonAndTheSequencerKeepsGoing() throws Exception {
    try (RecordingClient client = RecordingClient.connect(frontend.publicUrl(), token);
        KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
      client.subscribe("ok:after");
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), null, "{}".getBytes()));
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), "bad channel!".getBytes(), "{}".getBytes()));
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), "ok:big".getBytes(), new byte[2048]));
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), "ok:tomb".getBytes(), null));
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), "ok:after".getBytes(), "{\"fine\":true}".getBytes()));
      producer.flush();

      await().atMost(Duration.ofSeconds(30)).until(() -> client.total() == 1);
      assertThat(client.messages("ok:after").get(0).data().get("fine").asBoolean()).isTrue();
    }
    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer()) {
      consumer.subscribe(List.of(fabric.dlqTopic()));
      long deadline = System.currentTimeMillis() + 30_000;
      while (reasons.size() < 4 && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Header reason = r.headers().lastHeader("fabric.dlq.reason");
          assertThat(r.headers().lastHeader("fabric.dlq.topic")).isNotNull();
          assertThat(r.headers().lastHeader("fabric.dlq.offset")).isNotNull();
          reasons.add(new String(reason.value(), StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(reasons).containsExactlyInAnyOrder("missing-key", "bad-channel", "payload-too-large", "missing-value");
    assertThat(fabric.bridgeMetrics().get("fabric.sequencer.dlq").tag("reason", "payload-too-large").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aRecordOnTheEventsTopicThatIsNotAnEnvelopeIsCountedAndSkipped() throws Exception {
    try (RecordingClient client = RecordingClient.connect(frontend.publicUrl(), token);
        KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
      client.subscribe("ok:avro");
      producer.send(new ProducerRecord<>(fabric.eventsTopic(), "ok:avro".getBytes(), "definitely not avro".getBytes()));
      producer.send(new ProducerRecord<>(fabric.ingressTopic(), "ok:avro".getBytes(), "{\"n\":1}".getBytes()));
      producer.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> client.total() == 1);
    }
    assertThat(Scrape.value(Scrape.metrics(frontend.port()), "fabric_envelopes_invalid_total", "reason", "bad-header"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void httpPublishNeedsAnApiKeyAndValidJson() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(post(http, null, "{\"channel\":\"ok:http\",\"data\":1}").statusCode()).isEqualTo(401);
    assertThat(post(http, "wrong", "{\"channel\":\"ok:http\",\"data\":1}").statusCode()).isEqualTo(401);
    assertThat(post(http, TestFabric.API_KEY, "{not json").statusCode()).isEqualTo(400);
    assertThat(post(http, TestFabric.API_KEY, "{\"channel\":\"bad channel\",\"data\":1}").statusCode()).isEqualTo(400);
    try (RecordingClient client = RecordingClient.connect(frontend.publicUrl(), token)) {
      client.subscribe("ok:http");
      HttpResponse<String> ok = post(http, TestFabric.API_KEY, "{\"channel\":\"ok:http\",\"data\":{\"via\":\"http\"}}");
      assertThat(ok.statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(30)).until(() -> client.total() == 1);
      assertThat(client.messages("ok:http").get(0).data().get("via").asText()).isEqualTo("http");
    }
    String metrics = Scrape.metrics(frontend.port());
    assertThat(Scrape.value(metrics, "fabric_http_rejected_total", "reason", "unauthorized")).isEqualTo(2);
    assertThat(Scrape.value(metrics, "fabric_http_rejected_total", "reason", "bad-json")).isEqualTo(1);
  }

  @Test
  void healthEndpointsAnswer() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    var live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + "/health/live")).build(),
        HttpResponse.BodyHandlers.ofString());
    var ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"kafkaReachable\":true").contains("\"eventsPartitions\":6");
  }

  private static HttpResponse<String> post(HttpClient http, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + "/v1/publish"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(JsonNode frame, int code, Integer id) {
    assertThat(frame.get("op").asText()).as(frame.toString()).isEqualTo("error");
    assertThat(frame.get("code").asInt()).as(frame.toString()).isEqualTo(code);
    assertThat(frame.get("reason").asText()).isNotBlank();
    if (id != null) {
      assertThat(frame.get("id").asInt()).isEqualTo(id);
    }
  }

  private static KafkaProducer<byte[], byte[]> bytesProducer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap()),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> bytesConsumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "bad-input-dlq-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
