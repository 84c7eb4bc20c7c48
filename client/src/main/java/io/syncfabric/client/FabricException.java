package io.syncfabric.client;

/** An {@code error} reply from the server. */
public final class FabricException extends RuntimeException {
  private final int code;
  private final String name;

  public FabricException(int code, String name, String reason) {
    super(name + " (" + code + "): " + reason);
    this.code = code;
    this.name = name;
  }

  public int code() {
    return code;
  }

  public String name() {
    return name;
  }

  /** True when {@code error} (or the failure it wraps) is the server refusing the token. */
  static boolean isRefusal(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
    return cause instanceof FabricException fe && (fe.name.equals("invalid-token") || fe.name.equals("token-expired"));
  }
}
