package io.syncfabric.frontend.auth;

/** What a client may do on a channel; each has its own claim in the token (see {@link Permissions}). */
public enum Action {
  SUBSCRIBE("subscribe"),
  PUBLISH("publish"),
  PRESENCE("presence"),
  HISTORY("history");

  private final String claim;

  Action(String claim) {
    this.claim = claim;
  }

  /** The token claim listing the channel patterns allowed for this action. */
  public String claim() {
    return claim;
  }
}
