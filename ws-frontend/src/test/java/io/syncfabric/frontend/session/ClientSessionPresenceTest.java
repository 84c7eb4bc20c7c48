package io.syncfabric.frontend.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.metrics.LiveStats;
import io.syncfabric.frontend.pool.LocalPoolStore;
import io.syncfabric.frontend.pool.LocalUserConnections;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.Pool;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.frontend.pool.UserConnectionLimit;
import io.syncfabric.frontend.protocol.ErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSessionPresenceTest extends ClientSessionFixture {
  private final RecordingTransport otherTransport = new RecordingTransport();
  private final ClientSession other = new ClientSession(ctx, otherTransport);

  @Test
  void sessionIdsNameTheirFrontend() {
    assertThat(session.id()).matches("n1\\.[0-9a-f]{16}");
    connect();
    assertThat(transport.sent()).anySatisfy(f -> assertThat(parse(f).path("client").asText()).isEqualTo(session.id()));
  }

  @Test
  void presenceListsEverySubscriberWithUserAndNode() {
    connect();
    connectOther("bob");
    send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\"}");
    other.onText("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\"}");

    JsonNode reply = sendOne("{\"op\":\"presence\",\"id\":3,\"channel\":\"chat:a\"}");

    assertThat(reply.path("op").asText()).isEqualTo("presence");
    assertThat(reply.path("id").asInt()).isEqualTo(3);
    assertThat(reply.path("clients").findValuesAsText("user")).containsExactlyInAnyOrder("alice", "bob");
    assertThat(reply.path("clients").findValuesAsText("client")).containsExactlyInAnyOrder(session.id(), other.id());
    assertThat(reply.path("clients").findValuesAsText("node")).containsOnly("n1");
  }

  @Test
  void watchersHearJoinAndLeaveOfOthersButNotThemselves() {
    connect();
    send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\",\"presence\":true}");
    connectOther("bob");
    int before = transport.sent().size();

    other.onText("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\"}");
    other.onText("{\"op\":\"unsubscribe\",\"id\":3,\"channel\":\"chat:a\"}");
    transport.flush();

    List<JsonNode> events = transport.sent().subList(before, transport.sent().size()).stream()
        .map(ClientSessionFixture::parse).toList();
    assertThat(events).extracting(f -> f.path("op").asText()).containsExactly("join", "leave");
    assertThat(events).allSatisfy(f -> {
      assertThat(f.path("channel").asText()).isEqualTo("chat:a");
      assertThat(f.path("user").asText()).isEqualTo("bob");
      assertThat(f.path("client").asText()).isEqualTo(other.id());
    });
  }

  @Test
  void closingAConnectionLeavesEveryChannel() {
    connect();
    connectOther("bob");
    other.onText("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"chat:a\"}");
    other.onText("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"chat:b\"}");

    other.onClosed();

    assertThat(sendOne("{\"op\":\"presence\",\"id\":4,\"channel\":\"chat:a\"}").path("clients")).isEmpty();
    assertThat(sendOne("{\"op\":\"presence\",\"id\":5,\"channel\":\"chat:b\"}").path("clients")).isEmpty();
  }

  @Test
  void presenceNeedsPermissionAndABooleanFlag() {
    connect();
    assertError(sendOne("{\"op\":\"presence\",\"id\":2,\"channel\":\"secret:x\"}"), ErrorCode.PERMISSION_DENIED);
    assertError(sendOne("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"chat:a\",\"presence\":\"yes\"}"),
        ErrorCode.BAD_REQUEST);
  }

  @Test
  void userLimitRefusesTheConnectionOverTheLimitAndCountsDownOnClose() {
    Pool pool = new Pool(new LocalPoolStore(), () -> new PoolMember("n1", "a", "r", "ws://x", "http://x", 0, 10,
        MemberState.SERVING, "", 0, LiveStats.Snapshot.EMPTY), 5_000, System::currentTimeMillis, Runnable::run);
    pool.beat();
    var limit = new UserConnectionLimit(new LocalUserConnections(), pool, "n1", 1);
    RecordingTransport t1 = new RecordingTransport();
    RecordingTransport t2 = new RecordingTransport();
    ClientSession first = new ClientSession(context(limit), t1);
    ClientSession second = new ClientSession(context(limit), t2);
    String token = minter.mint("carol", List.of("chat:*"), Duration.ofHours(1));
    String connect = "{\"op\":\"connect\",\"id\":1,\"token\":\"" + token + "\"}";

    first.onText(connect);
    first.onText("{\"op\":\"ping\",\"id\":2}"); // sent before connected: answered after it, in order
    t1.flush();
    second.onText(connect);
    t2.flush();

    assertThat(t1.sent().stream().map(ClientSessionFixture::parse).map(f -> f.path("op").asText()))
        .containsExactly("connected", "pong");
    assertError(parse(t2.sent().get(0)), ErrorCode.TOO_MANY_CONNECTIONS);
    assertThat(t2.closes).extracting(RecordingTransport.Close::code).containsExactly(4504);

    first.onClosed();
    RecordingTransport t3 = new RecordingTransport();
    ClientSession third = new ClientSession(context(limit), t3);
    third.onText(connect);
    t3.flush();
    assertThat(parse(t3.sent().get(0)).path("op").asText()).isEqualTo("connected");
  }

  private void connectOther(String user) {
    String token = minter.mint(user, List.of("chat:*"), Duration.ofHours(1));
    other.onText("{\"op\":\"connect\",\"id\":1,\"token\":\"" + token + "\"}");
    otherTransport.flush();
  }

  @Test
  void statsNeedTheSysStatsPermissionAndAnswerWithTheFeed() {
    connect(); // chat:* only
    assertError(sendOne("{\"op\":\"stats\",\"id\":2}"), ErrorCode.PERMISSION_DENIED);

    RecordingTransport t = new RecordingTransport();
    ClientSession admin = new ClientSession(ctx, t);
    admin.onText("{\"op\":\"connect\",\"id\":1,\"token\":\""
        + minter.mint("ops", List.of("sys:stats"), Duration.ofHours(1)) + "\"}");
    admin.onText("{\"op\":\"stats\",\"id\":2}");
    admin.onText("{\"op\":\"stats\",\"id\":3}");
    t.flush();

    List<JsonNode> frames = t.sent().stream().map(ClientSessionFixture::parse).toList();
    assertThat(frames.get(1).path("op").asText()).isEqualTo("stats");
    assertThat(frames.get(1).path("id").asInt()).isEqualTo(2);
    assertThat(frames.get(1).has("history")).isTrue();
    assertError(frames.get(2), ErrorCode.ALREADY_SUBSCRIBED);
    assertThat(stats.watchers()).isEqualTo(1);
    admin.onClosed();
    assertThat(stats.watchers()).isZero();
  }

  @Test
  void aRefreshWithoutSysStatsEndsTheStatsFeed() {
    RecordingTransport t = new RecordingTransport();
    ClientSession admin = new ClientSession(ctx, t);
    admin.onText("{\"op\":\"connect\",\"id\":1,\"token\":\""
        + minter.mint("ops", List.of("sys:stats", "chat:*"), Duration.ofHours(1)) + "\"}");
    admin.onText("{\"op\":\"stats\",\"id\":2}");
    assertThat(stats.watchers()).isEqualTo(1);

    admin.onText("{\"op\":\"refresh\",\"id\":3,\"token\":\""
        + minter.mint("ops", List.of("chat:*"), Duration.ofHours(1)) + "\"}");
    t.flush();

    assertThat(stats.watchers()).isZero();
    JsonNode last = ClientSessionFixture.parse(t.sent().get(t.sent().size() - 1));
    assertThat(last.path("op").asText()).isEqualTo("unsubscribed");
    assertThat(last.path("channel").asText()).isEqualTo("sys:stats");
    assertThat(last.path("name").asText()).isEqualTo(ErrorCode.PERMISSION_DENIED.tag());
  }
}
