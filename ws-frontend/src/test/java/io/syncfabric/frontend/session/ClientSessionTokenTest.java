package io.syncfabric.frontend.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.protocol.ErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refresh, expiry of the connection's token, private channels. */
class ClientSessionTokenTest extends ClientSessionFixture {
  @Test
  void refreshReplacesTheTokenWithoutReconnecting() {
    connect(List.of("chat:a"));
    assertError(sendOne("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:b\"}"), ErrorCode.PERMISSION_DENIED);

    String wider = minter.mint("alice", List.of("chat:*"), Duration.ofHours(2));
    JsonNode reply = sendOne("{\"op\":\"refresh\",\"id\":3,\"token\":\"" + wider + "\"}");

    assertThat(reply.path("op").asText()).isEqualTo("refreshed");
    assertThat(reply.path("expires").asLong()).isEqualTo(NOW.getEpochSecond() + 7200);
    assertThat(sendOne("{\"op\":\"subscribe\",\"id\":4,\"channel\":\"chat:b\"}").path("op").asText()).isEqualTo("subscribed");
  }

  @Test
  void aNarrowerRefreshEndsTheSubscriptionsItNoLongerAllows() {
    connect(List.of("chat:*"));
    sendOne("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\"}");
    sendOne("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"chat:b\"}");

    String narrower = minter.mint("alice", List.of("chat:a"), Duration.ofHours(2));
    List<JsonNode> replies = send("{\"op\":\"refresh\",\"id\":4,\"token\":\"" + narrower + "\"}");

    assertThat(replies).extracting(f -> f.path("op").asText()).containsExactly("refreshed", "unsubscribed");
    JsonNode ended = replies.get(1);
    assertThat(ended.path("channel").asText()).isEqualTo("chat:b");
    assertThat(ended.has("id")).isFalse();
    assertThat(ended.path("name").asText()).isEqualTo(ErrorCode.PERMISSION_DENIED.tag());
    assertThat(channels.subscriptionCount()).isEqualTo(1); // chat:a stays
    assertThat(errors(ErrorCode.PERMISSION_DENIED)).isEqualTo(1.0);
    assertError(sendOne("{\"op\":\"unsubscribe\",\"id\":5,\"channel\":\"chat:b\"}"), ErrorCode.NOT_SUBSCRIBED);
  }

  @Test
  void aRefreshForAnotherUserOrABadTokenIsRefusedAndTheOldTokenStays() {
    connect(List.of("chat:a"));
    String bob = minter.mint("bob", List.of("*"), Duration.ofHours(1));
    assertError(sendOne("{\"op\":\"refresh\",\"id\":2,\"token\":\"" + bob + "\"}"), ErrorCode.REFRESH_REJECTED);
    assertError(sendOne("{\"op\":\"refresh\",\"id\":3,\"token\":\"garbage\"}"), ErrorCode.REFRESH_REJECTED);
    assertThat(transport.closes).isEmpty();
    assertThat(sendOne("{\"op\":\"subscribe\",\"id\":4,\"channel\":\"chat:a\"}").path("op").asText()).isEqualTo("subscribed");
    assertThat(errors(ErrorCode.REFRESH_REJECTED)).isEqualTo(2.0);
  }

  @Test
  void theConnectionClosesWhenItsTokenRunsOutUnrefreshed() {
    connect(); // exp = NOW + 1 h; the fixture's clock is fixed, the timer fires when the test says so
    RecordingTransport.Scheduled expiry = transport.scheduled.get(transport.scheduled.size() - 1);
    assertThat(expiry.delayMs()).isPositive();

    expiry.task().run();
    transport.flush();

    assertThat(transport.closes).extracting(RecordingTransport.Close::code).containsExactly(4502);
    assertThat(errors(ErrorCode.TOKEN_EXPIRED)).isEqualTo(1.0);
  }

  @Test
  void aRefreshedConnectionIsNotClosedByTheOldTokensTimer() {
    connect();
    RecordingTransport.Scheduled oldExpiry = transport.scheduled.get(transport.scheduled.size() - 1);
    send("{\"op\":\"refresh\",\"id\":2,\"token\":\"" + minter.mint("alice", List.of("chat:*"), Duration.ofHours(5)) + "\"}");

    oldExpiry.task().run();
    transport.flush();

    assertThat(transport.closes).isEmpty();
  }

  @Test
  void privateChannelsNeedASubscriptionTokenForThisConnection() {
    connect(List.of("*"));
    assertError(sendOne("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"private:room\"}"), ErrorCode.PERMISSION_DENIED);
    String forOther = minter.mintSubscription("n1.0000000000000000", "private:room", Duration.ofMinutes(5));
    assertError(sendOne("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"private:room\",\"token\":\"" + forOther + "\"}"),
        ErrorCode.PERMISSION_DENIED);
    assertError(sendOne("{\"op\":\"presence\",\"id\":4,\"channel\":\"private:room\"}"), ErrorCode.PERMISSION_DENIED);

    String mine = minter.mintSubscription(session.id(), "private:room", Duration.ofMinutes(5));
    assertThat(sendOne("{\"op\":\"subscribe\",\"id\":5,\"channel\":\"private:room\",\"token\":\"" + mine + "\"}")
        .path("op").asText()).isEqualTo("subscribed");
    assertThat(sendOne("{\"op\":\"presence\",\"id\":6,\"channel\":\"private:room\"}").path("op").asText())
        .isEqualTo("presence");
  }
}
