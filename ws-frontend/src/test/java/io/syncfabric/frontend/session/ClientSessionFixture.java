package io.syncfabric.frontend.session;

import io.syncfabric.frontend.fanout.OriginStreams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.frontend.auth.TokenMinter;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.dashboard.StatsHub;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.pool.UserConnectionLimit;
import io.syncfabric.frontend.presence.LocalPresenceStore;
import io.syncfabric.frontend.presence.Presence;
import io.syncfabric.frontend.presence.PresenceBus;
import io.syncfabric.frontend.protocol.ErrorCode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** What the session tests share: a session over a recording transport, and frame helpers. */
abstract class ClientSessionFixture {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  static final ObjectMapper JSON = new ObjectMapper();
  static final long CONNECT_TIMEOUT_MS = 5_000;

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final TokenMinter minter = new TokenMinter(SECRET, clock);
  final ChannelTable channels = new ChannelTable();
  final FrontendMetrics metrics = new FrontendMetrics("a", "n1");
  final RecordingTransport transport = new RecordingTransport();
  final Presence presence = new Presence(new LocalPresenceStore(), PresenceBus.local());
  final StatsHub stats = new StatsHub("a", "n1", List::of, metrics.events(), 1_000);
  final SessionContext ctx = context(null);
  final ClientSession session = new ClientSession(ctx, transport);

  SessionContext context(UserConnectionLimit userLimit) {
    return new SessionContext("n1", new TokenVerifier(SECRET, clock, 30), channels, null, metrics,
        new SessionLimits(2, 100, CONNECT_TIMEOUT_MS, 100, 1_000_000, 100), null, null, presence, userLimit, stats,
        new OriginStreams("a", "fabric.events"));
  }

  @AfterEach
  void closeMetrics() {
    metrics.close();
  }

  /** Sends a text frame and lets the socket take everything the session queued. */
  List<JsonNode> send(String text) {
    int before = transport.sent().size();
    session.onText(text);
    transport.flush();
    return transport.sent().subList(before, transport.sent().size()).stream().map(ClientSessionFixture::parse).toList();
  }

  JsonNode sendOne(String text) {
    List<JsonNode> replies = send(text);
    assertThat(replies).as("replies to " + text).hasSize(1);
    return replies.get(0);
  }

  static JsonNode parse(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void connect(List<String> channelPatterns) {
    String token = minter.mint("alice", channelPatterns, Duration.ofHours(1));
    JsonNode reply = sendOne("{\"op\":\"connect\",\"id\":1,\"token\":\"" + token + "\"}");
    assertThat(reply.get("op").textValue()).isEqualTo("connected");
  }

  void connect() {
    connect(List.of("chat:*"));
  }

  static void assertError(JsonNode frame, ErrorCode code) {
    assertThat(frame.get("op").textValue()).isEqualTo("error");
    assertThat(frame.get("code").intValue()).isEqualTo(code.code());
    assertThat(frame.get("name").textValue()).isEqualTo(code.tag());
  }

  double errors(ErrorCode code) {
    return metrics.registry().get("fabric.ws.errors").tag("code", code.tag()).counter().count();
  }

  double closedWith(String reason) {
    var counter = metrics.registry().find("fabric.connections.closed").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
