package io.syncfabric.frontend.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.auth.TokenMinter;
import io.syncfabric.frontend.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connect, tokens, timeouts, bad frames and closing. */
class ClientSessionConnectTest extends ClientSessionFixture {
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
    transport.flush();

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
    transport.flush(); // counted once the I/O thread is done with the closing event

    assertThat(closedWith("invalid-token")).isEqualTo(1.0);
    assertThat(closedWith("client")).isZero();
  }

  @Test
  void aRefusalReportedJustAfterTheCloseStillNamesTheCloseReason() {
    connect();
    session.onClosed(); // Undertow closes first on invalid UTF-8...
    session.onFrameRefused(ErrorCode.INVALID_UTF8); // ...and says why in the same I/O event
    transport.flush();

    assertThat(closedWith("invalid-utf8")).isEqualTo(1.0);
    assertThat(closedWith("client")).isZero();
    assertThat(errors(ErrorCode.INVALID_UTF8)).isEqualTo(1.0);
  }
}
