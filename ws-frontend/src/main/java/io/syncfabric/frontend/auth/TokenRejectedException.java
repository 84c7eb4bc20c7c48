package io.syncfabric.frontend.auth;

/** A token that cannot be accepted; {@link #expired()} separates "too old" from "not valid at all". */
public final class TokenRejectedException extends Exception {
  private final boolean expired;

  public TokenRejectedException(String reason, boolean expired) {
    super(reason, null, false, false);
    this.expired = expired;
  }

  public boolean expired() {
    return expired;
  }
}
