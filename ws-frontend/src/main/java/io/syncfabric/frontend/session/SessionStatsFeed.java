package io.syncfabric.frontend.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.dashboard.StatsHub;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;

/** One session's watch of the live dashboard's feed ({@code stats}): needs a token that allows {@code sys:stats}. */
final class SessionStatsFeed {
  /** The permission a token needs for the dashboard feed. */
  static final String CHANNEL = "sys:stats";

  private final StatsHub hub;
  private final Subscriber session;
  private volatile boolean watching;

  /** @param hub null when this frontend has no feed */
  SessionStatsFeed(StatsHub hub, Subscriber session) {
    this.hub = hub;
    this.session = session;
  }

  void watch(ConnectionToken t, JsonNode requestId) throws ProtocolException {
    if (!t.permissions().allows(Action.SUBSCRIBE, CHANNEL)) {
      throw new ProtocolException(ErrorCode.PERMISSION_DENIED, "token does not allow " + CHANNEL);
    }
    if (hub == null || watching) {
      throw new ProtocolException(watching ? ErrorCode.ALREADY_SUBSCRIBED : ErrorCode.UNKNOWN_OP,
          watching ? "already receiving stats" : "this frontend has no stats feed");
    }
    watching = true;
    hub.watch(session, requestId);
  }

  /** After a refresh: ends the feed when the new token no longer allows it; true when it did. */
  boolean endUnlessAllowed(ConnectionToken next) {
    if (!watching || next.permissions().allows(Action.SUBSCRIBE, CHANNEL)) {
      return false;
    }
    stop();
    return true;
  }

  void stop() {
    if (watching) {
      watching = false;
      hub.unwatch(session);
    }
  }
}
