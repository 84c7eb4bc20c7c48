package io.syncfabric.frontend.recovery;

import io.syncfabric.schema.StreamPosition;
import java.util.List;

/**
 * Missed messages found for a recovering subscriber, or why they cannot be found.
 *
 * @param messages contiguous messages after the requested position (empty when none were missed)
 * @param failure null on success, else a short reason: epoch-changed, retention, too-large, not-found, unavailable
 * @param top the newest position the source knows for the channel ({@code null} if none)
 * @param source "cache" or "kafka"
 */
public record Replay(List<Message> messages, String failure, StreamPosition top, String source) {
  /** One replayed message and its encoded frame. */
  public record Message(long seq, byte[] frame) {}

  public static Replay ok(List<Message> messages, StreamPosition top, String source) {
    return new Replay(messages, null, top, source);
  }

  public static Replay failed(String reason, StreamPosition top, String source) {
    return new Replay(List.of(), reason, top, source);
  }

  public boolean succeeded() {
    return failure == null;
  }
}
