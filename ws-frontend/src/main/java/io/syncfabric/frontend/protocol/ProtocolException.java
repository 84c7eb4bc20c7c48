package io.syncfabric.frontend.protocol;

/** A client request that must be answered with an {@code error} frame. */
public final class ProtocolException extends Exception {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
