package io.syncfabric.frontend.pool;

/** Where a frontend is in its life, as the pool sees it. Only {@link #SERVING} ones are offered to clients. */
public enum MemberState {
  STARTING,
  SERVING,
  DRAINING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static MemberState parse(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
