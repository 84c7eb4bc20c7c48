package io.syncfabric.frontend.session;

import io.syncfabric.frontend.fanout.OriginStreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.schema.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribe, unsubscribe and publish requests. */
class ClientSessionSubscribeTest extends ClientSessionFixture {
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
    assertThat(reply.get("at").longValue()).as("when it took effect").isCloseTo(System.currentTimeMillis(), within(60_000L));
    assertThat(channels.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void subscribeAfterMessagesReportsTheirPositionAndThenReceivesNewOnes() {
    connect();
    ClientSession other = new ClientSession(ctx, new RecordingTransport());
    channels.subscribe("chat:a", other, p -> new byte[0]);
    channels.dispatch("chat:a", "a", new StreamPosition("e7", 4), () -> "{\"op\":\"message\",\"seq\":4}".getBytes(StandardCharsets.UTF_8), 0);

    JsonNode reply = sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\"}");
    channels.dispatch("chat:a", "a", new StreamPosition("e7", 5),
        () -> "{\"op\":\"message\",\"seq\":5}".getBytes(StandardCharsets.UTF_8), 0);
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
    assertThat(reply.get("reason").textValue()).isEqualTo("unavailable");
  }

  @Test
  void subscribeWithFromAloneIsAResumeAnsweredTruthfullyWithoutAReplaySource() {
    connect();

    JsonNode reply = sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:a\",\"from\":1700000000000}");

    assertThat(reply.get("recovered").booleanValue()).isFalse();
    assertThat(reply.get("reason").textValue()).isEqualTo("unavailable");
    assertError(sendOne("{\"op\":\"subscribe\",\"channel\":\"chat:b\",\"from\":\"yesterday\"}"), ErrorCode.BAD_REQUEST);
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
        new SessionLimits(2, 100, CONNECT_TIMEOUT_MS, 2, 1_000_000, 100), null, null, null, null, null,
        new OriginStreams("a", "fabric.events")), transport);

    assertThat(slow.deliver(new byte[1])).isTrue();
    assertThat(slow.deliver(new byte[1])).isTrue();
    assertThat(slow.deliver(new byte[1])).isFalse();

    assertThat(transport.closes).containsExactly(new RecordingTransport.Close(4004, "slow consumer: resume with since"));
    assertThat(slow.queueDepth()).isZero();
    assertThat(errors(ErrorCode.SLOW_CONSUMER)).isEqualTo(1.0);
    slow.onClosed();
    transport.flush();
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
    session.onFrameRefused(ErrorCode.FRAME_TOO_LARGE);
    session.onClosed();
    transport.flush();

    assertThat(errors(ErrorCode.FRAME_TOO_LARGE)).isEqualTo(1.0);
    assertThat(closedWith("frame-too-large")).isEqualTo(1.0);
  }

  @Test
  void errorsAppearInThePrometheusScrape() {
    send("{\"op\":\"dance\"}");

    assertThat(metrics.scrape()).containsPattern("fabric_ws_errors_total\\{[^}]*code=\"unknown-op\"[^}]*\\} 1\\.0");
  }
}
