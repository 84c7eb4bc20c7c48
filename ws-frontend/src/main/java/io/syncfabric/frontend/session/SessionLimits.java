package io.syncfabric.frontend.session;

/**
 * Per-connection limits, from the frontend config.
 *
 * @param maxMessagesPerSecond client frames a connection may send per second (token bucket, bursts
 *     of twice that); 0 means no limit
 * @param pingIntervalMs how often the frontend pings a connection (0: never)
 * @param idleTimeoutMs a connection that sent nothing, not even a pong, for this long is closed (0: never)
 */
public record SessionLimits(
    int maxSubscriptions,
    int maxPublishBytes,
    long connectTimeoutMs,
    int outboundMaxFrames,
    long outboundMaxBytes,
    int historyMaxLimit,
    int maxMessagesPerSecond,
    long pingIntervalMs,
    long idleTimeoutMs) {

  /** Without rate limit, pings or idle timeout (tests of other behaviour). */
  public SessionLimits(int maxSubscriptions, int maxPublishBytes, long connectTimeoutMs, int outboundMaxFrames,
      long outboundMaxBytes, int historyMaxLimit) {
    this(maxSubscriptions, maxPublishBytes, connectTimeoutMs, outboundMaxFrames, outboundMaxBytes, historyMaxLimit, 0, 0, 0);
  }
}
