package io.syncfabric.frontend.session;

import io.syncfabric.frontend.fanout.OriginStreams;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

/** Frames per second, keep-alive pings and the idle timeout. */
class ClientSessionLimitsTest extends ClientSessionFixture {
  private ClientSession limited(RecordingTransport t, int perSecond, long pingMs, long idleMs) {
    SessionLimits limits = new SessionLimits(2, 100, CONNECT_TIMEOUT_MS, 100, 1_000_000, 100, perSecond, pingMs, idleMs);
    ClientSession s = new ClientSession(new SessionContext("n1", ctx.tokens(), channels, null, metrics, limits, null,
        null, presence, null, stats, new OriginStreams("a", "fabric.events")), t);
    s.start();
    return s;
  }

  @Test
  void aBurstOverTwiceTheRateClosesTheConnectionOnce() {
    RecordingTransport t = new RecordingTransport();
    ClientSession s = limited(t, 5, 0, 0);
    for (int i = 0; i < 30; i++) {
      s.onText("{\"op\":\"ping\",\"id\":" + i + "}");
    }
    t.flush();

    assertThat(t.sent().stream().filter(f -> f.contains("\"pong\""))).hasSize(10); // the bucket holds 2 x 5
    assertThat(t.closes).extracting(RecordingTransport.Close::code).containsExactly(4006);
    assertThat(errors(ErrorCode.RATE_LIMITED)).isEqualTo(1.0);
  }

  @Test
  void pingAndPongFramesFromTheClientCountAgainstTheRateToo() {
    RecordingTransport t = new RecordingTransport();
    ClientSession s = limited(t, 5, 0, 0);
    for (int i = 0; i < 5; i++) { // the bucket holds 2 x 5: ten control frames fit
      s.onPing();
      s.onPong();
    }
    t.flush();
    assertThat(t.closes).isEmpty();

    s.onPing();
    s.onPing();
    t.flush();

    assertThat(t.closes).extracting(RecordingTransport.Close::code).containsExactly(4006);
    assertThat(errors(ErrorCode.RATE_LIMITED)).isEqualTo(1.0);
  }

  @Test
  void theBucketRefillsWithTime() {
    RateLimit r = new RateLimit(10, 0);
    for (int i = 0; i < 20; i++) {
      assertThat(r.tryTake(0)).isTrue();
    }
    assertThat(r.tryTake(0)).isFalse();
    assertThat(r.tryTake(100_000_000L)).isTrue(); // 100 ms later: one more token
    assertThat(r.tryTake(100_000_000L)).isFalse();
  }

  @Test
  void aQuietClientIsPingedAndClosedAfterTheIdleTimeout() throws Exception {
    RecordingTransport t = new RecordingTransport();
    limited(t, 0, 10, 30);
    RecordingTransport.Scheduled keepAlive = t.scheduled.stream().filter(x -> x.delayMs() == 10).findFirst().orElseThrow();

    keepAlive.task().run(); // not idle yet: a ping, and the next check
    assertThat(t.pings).isEqualTo(1);
    Thread.sleep(40);
    t.scheduled.get(t.scheduled.size() - 1).task().run();
    t.flush();

    assertThat(t.closes).extracting(RecordingTransport.Close::code).containsExactly(4007);
    assertThat(errors(ErrorCode.IDLE_TIMEOUT)).isEqualTo(1.0);
  }

  @Test
  void aPongKeepsTheClientAlive() throws Exception {
    RecordingTransport t = new RecordingTransport();
    ClientSession s = limited(t, 0, 10, 30);
    Thread.sleep(40);
    s.onPong();
    t.scheduled.stream().filter(x -> x.delayMs() == 10).findFirst().orElseThrow().task().run();

    assertThat(t.closes).isEmpty();
    assertThat(t.pings).isEqualTo(1);
  }
}
