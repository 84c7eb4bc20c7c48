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
}
