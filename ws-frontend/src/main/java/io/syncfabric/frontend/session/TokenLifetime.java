package io.syncfabric.frontend.session;

import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.auth.TokenRejectedException;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;

/**
 * The token a connection runs on: set by {@code connect}, replaced by {@code refresh}, and when
 * it runs out unrefreshed the connection is told so (the session then closes with 4502).
 */
final class TokenLifetime {
  private final TokenVerifier tokens;
  private final FrameTransport transport;
  private final Runnable onExpired;
  private volatile ConnectionToken token;

  TokenLifetime(TokenVerifier tokens, FrameTransport transport, Runnable onExpired) {
    this.tokens = tokens;
    this.transport = transport;
    this.onExpired = onExpired;
  }

  /** The current token, or null before {@code connect} was accepted. */
  ConnectionToken current() {
    return token;
  }

  /** Runs on {@code t} from now on, and arms the expiry timer for it (a later token disarms it). */
  void accept(ConnectionToken t) {
    token = t;
    if (t.expiresAtSeconds() <= 0) {
      return;
    }
    transport.schedule(() -> {
      if (token == t) {
        onExpired.run();
      }
    }, Math.max(0, tokens.millisUntilExpiry(t)));
  }

  /**
   * A new token before the current one expires, without reconnecting: same user, new permissions
   * and expiry. A rejected refresh leaves the current token in place.
   */
  ConnectionToken refresh(String presented) throws ProtocolException {
    ConnectionToken next;
    try {
      next = tokens.verify(presented);
    } catch (TokenRejectedException e) {
      throw new ProtocolException(ErrorCode.REFRESH_REJECTED, e.getMessage());
    }
    if (!next.subject().equals(token.subject())) {
      throw new ProtocolException(ErrorCode.REFRESH_REJECTED, "token is for another user");
    }
    accept(next);
    return next;
  }
}
