package io.syncfabric.frontend.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.frontend.auth.TokenMinter;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.schema.StreamPosition;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientSessionTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CONNECT_TIMEOUT_MS = 5_000;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenMinter minter = new TokenMinter(SECRET, clock);
  private final ChannelTable channels = new ChannelTable();
  private final FrontendMetrics metrics = new FrontendMetrics("a", "n1");
  private final RecordingTransport transport = new RecordingTransport();
  private final SessionContext ctx = new SessionContext("n1", new TokenVerifier(SECRET, clock, 30), channels,
      null, metrics, new SessionLimits(2, 100, CONNECT_TIMEOUT_MS, 100, 1_000_000, 100), null, null);
  private final ClientSession session = new ClientSession(ctx, transport);

  @AfterEach
  void closeMetrics() {
    metrics.close();
  }

  /** Sends a text frame and lets the socket take everything the session queued. */
  private List<JsonNode> send(String text) {
    int before = transport.sent().size();
    session.onText(text);
    transport.flush();
    return transport.sent().subList(before, transport.sent().size()).stream().map(ClientSessionTest::parse).toList();
  }

  private JsonNode sendOne(String text) {
    List<JsonNode> replies = send(text);
    assertThat(replies).as("replies to " + text).hasSize(1);
    return replies.get(0);
  }

  private static JsonNode parse(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void connect(List<String> channelPatterns) {
    String token = minter.mint("alice", channelPatterns, Duration.ofHours(1));
    JsonNode reply = sendOne("{\"op\":\"connect\",\"id\":1,\"token\":\"" + token + "\"}");
    assertThat(reply.get("op").textValue()).isEqualTo("connected");
  }

  private void connect() {
    connect(List.of("chat:*"));
  }

  private static void assertError(JsonNode frame, ErrorCode code) {
    assertThat(frame.get("op").textValue()).isEqualTo("error");
    assertThat(frame.get("code").intValue()).isEqualTo(code.code());
    assertThat(frame.get("name").textValue()).isEqualTo(code.tag());
  }

  private double errors(ErrorCode code) {
    return metrics.registry().get("fabric.ws.errors").tag("code", code.tag()).counter().count();
  }

  private double closedWith(String reason) {
    var counter = metrics.registry().find("fabric.connections.closed").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void startCountsTheConnectionAndArmsTheConnectTimer() {
    session.start();

    assertThat(transport.scheduled).hasSize(1);
    assertThat(transport.scheduled.get(0).delayMs()).isEqualTo(CONNECT_TIMEOUT_MS);
    assertThat(metrics.registry().get("fabric.connections.opened").counter().count()).isEqualTo(1.0);
  }

  @Test
  void connectWithAValidTokenIsAnswered() {
    String token = minter.mint("alice", List.of("chat:*"), Duration.ofHours(1));

    JsonNode reply = sendOne("{\"op\":\"connect\",\"id\":\"c1\",\"token\":\"" + token + "\"}");

    assertThat(reply.get("op").textValue()).isEqualTo("connected");
    assertThat(reply.get("id").textValue()).isEqualTo("c1");
    assertThat(reply.get("client").textValue()).isEqualTo(session.id());
    assertThat(reply.get("node").textValue()).isEqualTo("n1");
    assertThat(reply.get("expires").longValue()).isEqualTo(NOW.getEpochSecond() + 3600);
    assertThat(transport.closes).isEmpty();
  }

  @Test
  void requestBeforeConnectIsRefusedAndTheConnectionStaysOpen() {
    JsonNode reply = sendOne("{\"op\":\"subscribe\",\"id\":5,\"channel\":\"chat:a\"}");

    assertError(reply, ErrorCode.NOT_CONNECTED);
    assertThat(reply.get("id").intValue()).isEqualTo(5);
    assertThat(transport.closes).isEmpty();
    assertThat(errors(ErrorCode.NOT_CONNECTED)).isEqualTo(1.0);
    assertThat(channels.subscriptionCount()).isZero();
  }

  @Test
  void badTokenIsAnsweredThenTheConnectionClosedWith4501() {
    String token = new TokenMinter("another-secret-another-secret-32b", clock)
        .mint("alice", List.of("*"), Duration.ofHours(1));

    JsonNode reply = sendOne("{\"op\":\"connect\",\"id\":1,\"token\":\"" + token + "\"}");

    assertError(reply, ErrorCode.INVALID_TOKEN);
    assertThat(reply.get("id").intValue()).isEqualTo(1);
    assertThat(transport.events).containsExactly("write:1", "close:4501");
    assertThat(errors(ErrorCode.INVALID_TOKEN)).isEqualTo(1.0);
  }

  @Test
  void nothingIsSentAfterTheConnectionStartedClosing() {
    send("{\"op\":\"connect\",\"token\":\"garbage\"}");

    assertThat(send("{\"op\":\"ping\",\"id\":2}")).isEmpty();
    assertThat(transport.closes).hasSize(1);
  }

  @Test
  void expiredTokenIsAnsweredThenTheConnectionClosedWith4502() {
    String token = minter.mint("alice", List.of("*"), Duration.ofHours(-1));

    JsonNode reply = sendOne("{\"op\":\"connect\",\"token\":\"" + token + "\"}");

    assertError(reply, ErrorCode.TOKEN_EXPIRED);
    assertThat(transport.events).containsExactly("write:1", "close:4502");
    assertThat(errors(ErrorCode.TOKEN_EXPIRED)).isEqualTo(1.0);
  }

  @Test
  void connectWithoutTokenIsABadRequest() {
    assertError(sendOne("{\"op\":\"connect\"}"), ErrorCode.BAD_REQUEST);
    assertThat(transport.closes).isEmpty();
  }

  @Test
  void secondConnectIsRefused() {
    connect();
    String token = minter.mint("bob", List.of("*"), Duration.ofHours(1));

    JsonNode reply = sendOne("{\"op\":\"connect\",\"id\":2,\"token\":\"" + token + "\"}");

    assertError(reply, ErrorCode.ALREADY_CONNECTED);
    assertThat(transport.closes).isEmpty();
    assertThat(errors(ErrorCode.ALREADY_CONNECTED)).isEqualTo(1.0);
  }

  @Test
  void permittedSubscribeIsAnsweredWithTheLivePosition() {
    connect();

    JsonNode reply = sendOne("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\"}");

    assertThat(reply.get("op").textValue()).isEqualTo("subscribed");
    assertThat(reply.get("id").intValue()).isEqualTo(2);
    assertThat(reply.get("channel").textValue()).isEqualTo("chat:a");
    assertThat(reply.get("epoch").textValue()).isEmpty();
    assertThat(reply.get("seq").longValue()).isZero();
    assertThat(reply.get("recovered").booleanValue()).isFalse();
    assertThat(channels.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void subscribeAfterMessagesReportsTheirPositionAndThenReceivesNewOnes() {
    connect();
    ClientSession other = new ClientSession(ctx, new RecordingTransport());
    channels.subscribe("chat:a", other, p -> new byte[0]);
    channels.dispatch("chat:a", new StreamPosition("e7", 4), () -> "{\"op\":\"message\",\"seq\":4}".getBytes(StandardCharsets.UTF_8));

    JsonNode reply = sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");
    channels.dispatch("chat:a", new StreamPosition("e7", 5),
        () -> "{\"op\":\"message\",\"seq\":5}".getBytes(StandardCharsets.UTF_8));
    transport.flush();

    assertThat(reply.get("epoch").textValue()).isEqualTo("e7");
    assertThat(reply.get("seq").longValue()).isEqualTo(4L);
    assertThat(transport.sent()).last().isEqualTo("{\"op\":\"message\",\"seq\":5}");
  }

  @Test
  void subscribeWithSinceIsAnsweredTruthfullyAsNotRecovered() {
    connect();

    JsonNode reply = sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\",\"since\":{\"epoch\":\"e1\",\"seq\":3}}");

    assertThat(reply.get("op").textValue()).isEqualTo("subscribed");
    assertThat(reply.get("recovered").booleanValue()).isFalse();
  }

  @Test
  void subscribeWithMalformedSinceIsABadRequest() {
    connect();

    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\",\"since\":{\"epoch\":\"e1\",\"seq\":-1}}"),
        ErrorCode.BAD_REQUEST);
    assertThat(channels.subscriptionCount()).isZero();
  }

  @Test
  void subscribeToAChannelTheTokenDoesNotAllowIsDenied() {
    connect(List.of("chat:*"));

    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"admin:x\"}"), ErrorCode.PERMISSION_DENIED);
    assertThat(channels.subscriptionCount()).isZero();
    assertThat(errors(ErrorCode.PERMISSION_DENIED)).isEqualTo(1.0);
  }

  @Test
  void subscribeToAnInvalidChannelNameIsABadChannel() {
    connect(List.of("*"));

    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a b\"}"), ErrorCode.BAD_CHANNEL);
    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:*\"}"), ErrorCode.BAD_CHANNEL);
    assertThat(errors(ErrorCode.BAD_CHANNEL)).isEqualTo(2.0);
  }

  @Test
  void subscribingTwiceToOneChannelIsRefused() {
    connect();
    send("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");

    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}"), ErrorCode.ALREADY_SUBSCRIBED);
    assertThat(channels.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void subscriptionsPastTheLimitAreRefused() {
    connect();
    send("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");
    send("{\"op\":\"subscribe\",\"channel\":\"chat:b\"}");

    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:c\"}"), ErrorCode.TOO_MANY_SUBSCRIPTIONS);
    assertThat(channels.subscriptionCount()).isEqualTo(2);
    assertThat(errors(ErrorCode.TOO_MANY_SUBSCRIPTIONS)).isEqualTo(1.0);
  }

  @Test
  void unsubscribeRemovesTheSubscription() {
    connect();
    send("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");

    JsonNode reply = sendOne("{\"op\":\"unsubscribe\",\"id\":3,\"channel\":\"chat:a\"}");

    assertThat(reply.get("op").textValue()).isEqualTo("unsubscribed");
    assertThat(reply.get("id").intValue()).isEqualTo(3);
    assertThat(reply.get("channel").textValue()).isEqualTo("chat:a");
    assertThat(channels.subscriptionCount()).isZero();
    assertThat(channels.channelCount()).isZero();
    assertThat(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}").get("op").textValue()).isEqualTo("subscribed");
  }

  @Test
  void unsubscribeFromAChannelNotSubscribedIsRefused() {
    connect();

    assertError(sendOne("{\"op\":\"unsubscribe\",\"channel\":\"chat:a\"}"), ErrorCode.NOT_SUBSCRIBED);
    assertThat(errors(ErrorCode.NOT_SUBSCRIBED)).isEqualTo(1.0);
  }

  @Test
  void unknownOpIsRefusedAndTheConnectionStaysUsable() {
    JsonNode reply = sendOne("{\"op\":\"dance\",\"id\":4}");

    assertError(reply, ErrorCode.UNKNOWN_OP);
    assertThat(reply.get("id").intValue()).isEqualTo(4);
    assertThat(transport.closes).isEmpty();
    assertThat(sendOne("{\"op\":\"ping\"}").get("op").textValue()).isEqualTo("pong");
    assertThat(errors(ErrorCode.UNKNOWN_OP)).isEqualTo(1.0);
  }

  @Test
  void frameWithoutOpIsABadRequestEchoingTheId() {
    JsonNode reply = sendOne("{\"id\":\"x\"}");

    assertError(reply, ErrorCode.BAD_REQUEST);
    assertThat(reply.get("id").textValue()).isEqualTo("x");
  }

  @Test
  void badJsonIsABadFrameAndTheConnectionStaysOpen() {
    JsonNode reply = sendOne("{\"op\":");

    assertError(reply, ErrorCode.BAD_FRAME);
    assertThat(reply.has("id")).isFalse();
    assertThat(transport.closes).isEmpty();
    assertThat(errors(ErrorCode.BAD_FRAME)).isEqualTo(1.0);
  }

  @Test
  void binaryFrameIsRefused() {
    session.onBinary();
    transport.flush();

    assertThat(transport.sent()).hasSize(1);
    assertError(parse(transport.sent().get(0)), ErrorCode.BINARY_NOT_SUPPORTED);
    assertThat(transport.closes).isEmpty();
    assertThat(errors(ErrorCode.BINARY_NOT_SUPPORTED)).isEqualTo(1.0);
  }

  @Test
  void pingIsAnsweredWithPongEchoingTheId() {
    JsonNode reply = sendOne("{\"op\":\"ping\",\"id\":\"p-9\"}");

    assertThat(reply.get("op").textValue()).isEqualTo("pong");
    assertThat(reply.get("id").textValue()).isEqualTo("p-9");
  }

  @Test
  void connectTimeoutClosesAnUnconnectedSessionWith4503() {
    session.start();

    transport.scheduled.get(0).task().run();
    transport.flush();

    assertThat(transport.sent()).hasSize(1);
    assertError(parse(transport.sent().get(0)), ErrorCode.CONNECT_TIMEOUT);
    assertThat(transport.events).containsExactly("write:1", "close:4503");
    assertThat(errors(ErrorCode.CONNECT_TIMEOUT)).isEqualTo(1.0);
  }

  @Test
  void connectTimeoutDoesNothingOnceConnected() {
    session.start();
    connect();

    transport.scheduled.get(0).task().run();
    transport.flush();

    assertThat(transport.sent()).hasSize(1);
    assertThat(transport.closes).isEmpty();
    assertThat(errors(ErrorCode.CONNECT_TIMEOUT)).isZero();
  }

  @Test
  void connectTimeoutDoesNothingAfterTheConnectionClosed() {
    session.start();
    session.onClosed();

    transport.scheduled.get(0).task().run();
    transport.flush();

    assertThat(transport.writes).isEmpty();
    assertThat(transport.closes).isEmpty();
  }

  @Test
  void closingReleasesEverySubscription() {
    connect();
    send("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");
    send("{\"op\":\"subscribe\",\"channel\":\"chat:b\"}");
    assertThat(channels.subscriptionCount()).isEqualTo(2);

    session.onClosed();
    session.onClosed();

    assertThat(channels.subscriptionCount()).isZero();
    assertThat(channels.channelCount()).isZero();
    assertThat(closedWith("client")).isEqualTo(1.0);
  }

  @Test
  void messagesAreNotWrittenAfterClose() {
    connect();
    send("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");
    int written = transport.sent().size();

    session.onClosed();
    session.deliver("{\"op\":\"message\"}".getBytes(StandardCharsets.UTF_8));
    transport.flush();

    assertThat(transport.sent()).hasSize(written);
  }

  @Test
  void closeReasonOfAFailedConnectIsCounted() {
    send("{\"op\":\"connect\",\"token\":\"garbage\"}");

    session.onClosed();

    assertThat(closedWith("invalid-token")).isEqualTo(1.0);
    assertThat(closedWith("client")).isZero();
  }

  @Test
  void publishBeforeConnectIsRefused() {
    assertError(sendOne("{\"op\":\"publish\",\"channel\":\"chat:a\",\"data\":1}"), ErrorCode.NOT_CONNECTED);
  }

  @Test
  void publishToAnInvalidChannelIsABadChannel() {
    connect(List.of("*"));

    assertError(sendOne("{\"op\":\"publish\",\"channel\":\"a b\",\"data\":1}"), ErrorCode.BAD_CHANNEL);
  }

  @Test
  void publishToAChannelTheTokenDoesNotAllowIsDenied() {
    connect(List.of("chat:*"));

    JsonNode reply = sendOne("{\"op\":\"publish\",\"id\":8,\"channel\":\"news:x\",\"data\":1}");

    assertError(reply, ErrorCode.PERMISSION_DENIED);
    assertThat(reply.get("id").intValue()).isEqualTo(8);
  }

  @Test
  void publishLargerThanTheLimitIsRefused() {
    connect();
    String data = "\"" + "x".repeat(99) + "\""; // 101 bytes as JSON

    assertError(sendOne("{\"op\":\"publish\",\"channel\":\"chat:a\",\"data\":" + data + "}"),
        ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(errors(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(1.0);
  }

  @Test
  void publishWithoutDataIsABadRequest() {
    connect();

    assertError(sendOne("{\"op\":\"publish\",\"channel\":\"chat:a\"}"), ErrorCode.BAD_REQUEST);
  }

  @Test
  void deliveredMessagesAreWrittenInOrder() {
    session.deliver("m1".getBytes(StandardCharsets.UTF_8));
    session.deliver("m2".getBytes(StandardCharsets.UTF_8));
    transport.flush();

    assertThat(transport.sent()).containsExactly("m1", "m2");
  }

  @Test
  void overflowingTheOutboundQueueClosesAsASlowConsumer() {
    ClientSession slow = new ClientSession(new SessionContext("n1", ctx.tokens(), channels, null, metrics,
        new SessionLimits(2, 100, CONNECT_TIMEOUT_MS, 2, 1_000_000, 100), null, null), transport);

    assertThat(slow.deliver(new byte[1])).isTrue();
    assertThat(slow.deliver(new byte[1])).isTrue();
    assertThat(slow.deliver(new byte[1])).isFalse();

    assertThat(transport.closes).containsExactly(new RecordingTransport.Close(4004, "slow consumer: resume with since"));
    assertThat(slow.queueDepth()).isZero();
    assertThat(errors(ErrorCode.SLOW_CONSUMER)).isEqualTo(1.0);
    slow.onClosed();
    assertThat(closedWith("slow-consumer")).isEqualTo(1.0);
  }

  @Test
  void gracefulCloseSendsTheReasonThenCloses() {
    connect();

    session.closeGracefully(ErrorCode.SHUTTING_DOWN, "frontend stopping");
    transport.flush();

    JsonNode last = parse(transport.sent().get(transport.sent().size() - 1));
    assertError(last, ErrorCode.SHUTTING_DOWN);
    assertThat(last.get("reason").textValue()).isEqualTo("frontend stopping");
    assertThat(transport.events).endsWith("write:1", "close:4001");
  }

  @Test
  void frameTooLargeIsCountedAndNamedAsTheCloseReason() {
    session.onFrameTooLarge();
    session.onClosed();

    assertThat(errors(ErrorCode.FRAME_TOO_LARGE)).isEqualTo(1.0);
    assertThat(closedWith("frame-too-large")).isEqualTo(1.0);
  }

  @Test
  void errorsAppearInThePrometheusScrape() {
    send("{\"op\":\"dance\"}");

    assertThat(metrics.scrape()).containsPattern("fabric_ws_errors_total\\{[^}]*code=\"unknown-op\"[^}]*\\} 1\\.0");
  }
}
