package io.syncfabric.frontend.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.protocol.ClientRequest;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;
import io.syncfabric.frontend.protocol.ServerFrames;
import io.syncfabric.schema.StreamPosition;
import java.util.List;
import java.util.Set;

/** The requests that only read shared state (history, presence): asynchronous, answered when it arrives. */
final class ReadRequests {
  /** How answers get back to the session: a frame, or an error for a request. */
  interface Replies {
    void reply(byte[] frame);

    void fail(JsonNode requestId, ErrorCode code, String reason);

    static Replies of(java.util.function.Consumer<byte[]> reply, Failure fail) {
      return new Replies() {
        @Override
        public void reply(byte[] frame) {
          reply.accept(frame);
        }

        @Override
        public void fail(JsonNode requestId, ErrorCode code, String reason) {
          fail.fail(requestId, code, reason);
        }
      };
    }
  }

  /** The session's error path. */
  interface Failure {
    void fail(JsonNode requestId, ErrorCode code, String reason);
  }

  private ReadRequests() {}

  static void history(SessionContext ctx, ClientRequest r, ConnectionToken t, Set<String> subscriptions, Replies out)
      throws ProtocolException {
    String channel = ChannelAccess.channel(r, t, Action.HISTORY, subscriptions);
    int limit = r.optionalInt("limit", ctx.limits().historyMaxLimit(), ctx.limits().historyMaxLimit());
    List<ClientRequest.SincePosition> sinceList = r.optionalSince("since");
    if (sinceList.size() > 1) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "history reads one origin's stream: 'since' is one position");
    }
    StreamPosition since = sinceList.isEmpty() ? null : sinceList.get(0).position();
    String origin = historyOrigin(ctx, r, channel, sinceList);
    JsonNode requestId = r.id();
    if (ctx.history() == null) {
      throw new ProtocolException(ErrorCode.HISTORY_UNAVAILABLE, "this frontend keeps no history");
    }
    ctx.history().read(ctx.streams().historyKey(channel, origin)).whenComplete((slice, error) -> {
      if (error != null) {
        ctx.metrics().historyError();
        out.fail(requestId, ErrorCode.HISTORY_UNAVAILABLE, "history could not be read; retry");
        return;
      }
      List<HistoryEntry> entries;
      if (since == null) {
        List<HistoryEntry> all = slice.entries();
        entries = all.subList(Math.max(0, all.size() - limit), all.size());
      } else if (slice.epoch().equals(since.epoch())) {
        entries = slice.after(since.seq(), limit);
      } else {
        entries = List.of(); // another epoch: nothing after that position exists here
      }
      out.reply(ServerFrames.history(requestId, channel, origin, slice.epoch(), slice.lastSeq(),
          entries.stream().map(HistoryEntry::frame).toList()));
    });
  }

  /**
   * The origin whose stream a history request reads: the one it names, else the one of its
   * {@code since}, else the origin of the newest message seen on the channel, else this cloud.
   */
  private static String historyOrigin(SessionContext ctx, ClientRequest r, String channel,
      List<ClientRequest.SincePosition> since) throws ProtocolException {
    String named = r.optionalOrigin("origin");
    if (named != null) {
      return named;
    }
    var known = ctx.channels().positions(channel);
    if (!since.isEmpty()) {
      return SinceOrigins.resolve(since, known, ctx.streams().localCloud()).keySet().iterator().next();
    }
    return known.latestOrigin() != null ? known.latestOrigin() : ctx.streams().localCloud();
  }

  static void presence(SessionContext ctx, ClientRequest r, ConnectionToken t, Set<String> subscriptions, Replies out)
      throws ProtocolException {
    String channel = ChannelAccess.channel(r, t, Action.PRESENCE, subscriptions);
    if (ctx.presence() == null) {
      throw new ProtocolException(ErrorCode.PRESENCE_UNAVAILABLE, "presence is off on this frontend");
    }
    JsonNode requestId = r.id();
    ctx.presence().list(channel).whenComplete((clients, error) -> {
      if (error != null) {
        out.fail(requestId, ErrorCode.PRESENCE_UNAVAILABLE, "presence could not be read; retry");
      } else {
        out.reply(ServerFrames.presence(requestId, channel, clients));
      }
    });
  }
}
