package io.syncfabric.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one bench run does. Every count and time is bounded, so a run always ends by itself.
 *
 * @param urls frontends' WebSocket URLs (loopback only); connections go round-robin over them
 * @param kafka bootstrap servers the messages are published to (loopback only)
 * @param ingressTopic the topic backends publish to
 * @param eventsTopic the sequenced events topic, read to split latency at the sequencer (null: not read)
 * @param connections WebSocket connections to open
 * @param channels channels the connections subscribe to (evenly)
 * @param subscriptionsPerConnection channels each connection subscribes to
 * @param rate messages published per second, round-robin over the channels
 * @param durationSeconds how long to publish for the measurement
 * @param warmupSeconds publishing at the same rate first, not measured (JIT warm-up)
 * @param rampRate new connections per second while ramping up (0: as fast as they are accepted)
 * @param maxOpening connection handshakes in flight at once
 * @param ioThreads the harness's selector threads
 * @param sourceAddresses loopback source addresses to spread over (0: enough for the frontends' per-address limit)
 * @param jwtSecret the frontends' HMAC secret, to mint one connection token per connection
 * @param measureHeap read each frontend's heap before and after the ramp (with a GC when local)
 * @param rampTimeoutSeconds how long the ramp may take before the run goes on with what connected
 * @param drainSeconds how long to wait after publishing for the last deliveries
 * @param channelPrefix channel names are this plus a number (fresh per run, so no old history interferes)
 * @param json where to write the JSON summary (null: not written)
 */
public record BenchConfig(List<String> urls, String kafka, String ingressTopic, String eventsTopic, int connections, int channels,
    int subscriptionsPerConnection, int rate, int durationSeconds, int warmupSeconds, int rampRate, int maxOpening,
    int ioThreads, int sourceAddresses, String jwtSecret, boolean measureHeap, int rampTimeoutSeconds,
    int drainSeconds, String channelPrefix, Path json) {

  public static final int MAX_CONNECTIONS = 200_000;
  public static final int MAX_RATE = 1_000_000;
  public static final int MAX_SECONDS = 3_600;

  public BenchConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("--url: at least one frontend");
    }
    check("--connections", connections, 1, MAX_CONNECTIONS);
    check("--channels", channels, 1, 1_000_000);
    check("--subscriptions", subscriptionsPerConnection, 1, Math.min(channels, 256));
    check("--rate", rate, 0, MAX_RATE);
    check("--duration", durationSeconds, 1, MAX_SECONDS);
    check("--warmup", warmupSeconds, 0, MAX_SECONDS);
    check("--ramp-rate", rampRate, 0, 1_000_000);
    check("--max-opening", maxOpening, 1, 100_000);
    check("--io-threads", ioThreads, 1, 64);
    check("--source-addresses", sourceAddresses, 0, 1_000);
    check("--ramp-timeout", rampTimeoutSeconds, 1, MAX_SECONDS);
    check("--drain", drainSeconds, 1, 600);
    if (jwtSecret == null || jwtSecret.isBlank()) {
      throw new IllegalArgumentException("a JWT secret is needed to mint connection tokens");
    }
  }

  private static void check(String flag, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", not " + value);
    }
  }

  /** The longest a run can take: ramp, warm-up, measurement and drain, plus the heap readings. */
  public long maxSeconds() {
    return rampTimeoutSeconds + 2L * drainSeconds + warmupSeconds + durationSeconds + (measureHeap ? 120 : 0);
  }
}
