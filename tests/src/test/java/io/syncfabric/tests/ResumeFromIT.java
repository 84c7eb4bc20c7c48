package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.map.IMap;
import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.history.ChannelHistory;
import io.syncfabric.frontend.history.HazelcastHistoryStore;
import io.syncfabric.tests.support.RawSocket;
import io.syncfabric.tests.support.TestFabric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resuming a stream the client never had a position in, on real parts: the client subscribed
 * before the channel's first message (its reply had no position, only {@code at}), went away, and
 * resumes on the other frontend with {@code from}. It gets exactly the messages published since it
 * subscribed: from the hot history, or from Kafka when the history is gone.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ResumeFromIT {
  static TestFabric fabric;
  static Publisher publisher;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("resume-from", 2);
    publisher = Publisher.builder().bootstrapServers(fabric.bootstrap()).topic(fabric.ingressTopic()).build();
  }

  @AfterAll
  static void stop() {
    publisher.close();
    fabric.close();
  }

  @Test
  void aClientThatSubscribedBeforeTheFirstMessageGetsEveryMessageSinceThen() throws Exception {
    String channel = "rf:fresh";
    long at = subscribeAndLeave(0, channel, 0);
    publish(channel, 1, 3);
    awaitRead(1, channel, 3);

    List<Long> seqs = resume(1, channel, at, 3);
    assertThat(seqs).containsExactly(1L, 2L, 3L);
  }

  @Test
  void withTheHotHistoryGoneTheStartIsFoundInKafka() throws Exception {
    String channel = "rf:kafka";
    long at = subscribeAndLeave(0, channel, 0);
    publish(channel, 1, 4);
    awaitRead(1, channel, 4);
    awaitStored(channel, 4); // a write landing after the clear would bring part of the history back
    fabric.frontends().get(0).hazelcast().instance().getMap(HazelcastHistoryStore.MAP).clear();
    long scansBefore = fabric.frontends().get(1).replayer().scans();

    List<Long> seqs = resume(1, channel, at, 4);
    assertThat(seqs).containsExactly(1L, 2L, 3L, 4L);
    assertThat(fabric.frontends().get(1).replayer().scans()).as("located and replayed from Kafka").isGreaterThan(scansBefore);
  }

  @Test
  void messagesPublishedBeforeTheClientSubscribedAreNotReplayed() throws Exception {
    String channel = "rf:older";
    publish(channel, 1, 2);
    awaitRead(0, channel, 2);
    Thread.sleep(1_500); // older than the clock margin by then
    long at = subscribeAndLeave(0, channel, 2);
    publish(channel, 3, 4);
    awaitRead(1, channel, 4);

    // a client that kept no position (only when it subscribed) resumes
    List<Long> seqs = resume(1, channel, at, 2);
    assertThat(seqs).containsExactly(3L, 4L);
  }

  /** Subscribes on frontend {@code fe}, checks the reply's position, and leaves; returns the reply's {@code at}. */
  private static long subscribeAndLeave(int fe, String channel, long expectedSeq) throws Exception {
    try (RawSocket s = connected(fabric.frontends().get(fe))) {
      s.send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"" + channel + "\"}");
      JsonNode reply = s.next();
      assertThat(reply.get("seq").asLong()).isEqualTo(expectedSeq);
      assertThat(reply.get("at").asLong()).isPositive();
      return reply.get("at").asLong();
    }
  }

  /** Resumes with {@code from} alone on frontend {@code fe}; returns the seqs of the messages that follow the reply. */
  private static List<Long> resume(int fe, String channel, long from, int expected) throws Exception {
    try (RawSocket s = connected(fabric.frontends().get(fe))) {
      s.send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"" + channel + "\",\"from\":" + from + "}");
      JsonNode reply = s.next();
      assertThat(reply.get("op").asText()).isEqualTo("subscribed");
      assertThat(reply.get("recovered").asBoolean()).as(reply.toString()).isTrue();
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < expected; i++) {
        JsonNode m = s.next();
        assertThat(m.get("op").asText()).isEqualTo("message");
        seqs.add(m.get("seq").asLong());
      }
      publisher.publishJson(channel, "{\"n\":\"live\"}");
      publisher.flush();
      assertThat(s.next().get("op").asText()).as("nothing else before the next live message").isEqualTo("message");
      return seqs;
    }
  }

  private static void publish(String channel, int from, int to) {
    for (int n = from; n <= to; n++) {
      publisher.publishJson(channel, "{\"n\":" + n + "}");
    }
    publisher.flush();
  }

  /** Waits until frontend {@code fe} has read the channel up to {@code seq} (a plain subscribe reports it). */
  private static void awaitRead(int fe, String channel, long seq) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      try (RawSocket s = connected(fabric.frontends().get(fe))) {
        s.send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"" + channel + "\"}");
        return s.next().get("seq").asLong() >= seq;
      }
    });
  }

  /** Waits until the pool's hot history holds the channel up to {@code seq}. */
  private static void awaitStored(String channel, long seq) {
    IMap<String, ChannelHistory> history = fabric.frontends().get(0).hazelcast().instance().getMap(HazelcastHistoryStore.MAP);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      ChannelHistory stored = history.get(channel);
      return stored != null && stored.slice().lastSeq() >= seq;
    });
  }

  private static RawSocket connected(FrontendServer fe) throws Exception {
    RawSocket s = RawSocket.open(fe.publicUrl());
    s.send("{\"op\":\"connect\",\"token\":\"" + fabric.token("rf", List.of("rf:*")) + "\"}");
    assertThat(s.next().get("op").asText()).isEqualTo("connected");
    return s;
  }
}
