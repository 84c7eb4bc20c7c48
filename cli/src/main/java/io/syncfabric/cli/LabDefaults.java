package io.syncfabric.cli;

/**
 * Development-only credentials shared by {@code ./fabric lab}, {@code token}, {@code subscribe} and
 * {@code publish}, so the commands work together out of the box. Never use them outside the lab.
 */
public final class LabDefaults {
  public static final String JWT_SECRET = "syncfabric-lab-secret-not-for-production-use";
  public static final String API_KEY = "lab-api-key";
  public static final String KAFKA = "127.0.0.1:19092";
  public static final String WS_URL = "ws://127.0.0.1:8080/v1/ws";

  private LabDefaults() {}
}
