package io.syncfabric.frontend.session;

import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.auth.TokenRejectedException;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.protocol.ClientRequest;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;
import io.syncfabric.schema.ChannelName;
import java.util.Set;

/**
 * Who may do what on a channel. Public channels: the connection token's pattern for the action.
 * Private channels ({@value #PRIVATE_PREFIX}...): subscribing needs a subscription token bound to
 * this connection and channel; presence and history need that subscription; publishing still needs
 * the connection token's {@code publish} permission.
 */
final class ChannelAccess {
  static final String PRIVATE_PREFIX = "private:";

  private ChannelAccess() {}

  static boolean isPrivate(String channel) {
    return channel.startsWith(PRIVATE_PREFIX);
  }

  /** The request's channel, checked for name and permission. */
  static String channel(ClientRequest r, ConnectionToken t, Action action, Set<String> subscribed)
      throws ProtocolException {
    String channel = r.requiredString("channel");
    if (!ChannelName.isValid(channel)) {
      throw new ProtocolException(ErrorCode.BAD_CHANNEL, "invalid channel name: " + abbreviate(channel));
    }
    if (isPrivate(channel) && action != Action.PUBLISH) {
      if (action != Action.SUBSCRIBE && !subscribed.contains(channel)) {
        throw new ProtocolException(ErrorCode.PERMISSION_DENIED, channel + " is private: subscribe to it first");
      }
      return channel; // subscribe: checked with its subscription token, see subscriptionToken
    }
    if (!t.permissions().allows(action, channel)) {
      throw new ProtocolException(ErrorCode.PERMISSION_DENIED, "token does not allow " + action.claim() + " on " + channel);
    }
    return channel;
  }

  /** For a private channel, the request's {@code token} must be a subscription token for this client and channel. */
  static void subscriptionToken(ClientRequest r, String channel, String clientId, TokenVerifier tokens)
      throws ProtocolException {
    if (!isPrivate(channel)) {
      return;
    }
    String token = r.optionalString("token");
    if (token == null) {
      throw new ProtocolException(ErrorCode.PERMISSION_DENIED, channel + " is private: send a subscription token");
    }
    try {
      tokens.verifySubscription(token, clientId, channel);
    } catch (TokenRejectedException e) {
      throw new ProtocolException(ErrorCode.PERMISSION_DENIED, "subscription token rejected: " + e.getMessage());
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
