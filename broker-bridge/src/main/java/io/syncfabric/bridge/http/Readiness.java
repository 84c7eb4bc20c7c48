package io.syncfabric.bridge.http;

/** What {@code /health/ready} reports: ready or not, and a JSON object of details saying why. */
public interface Readiness {
  boolean ready();

  /** A JSON object, e.g. {@code {"streams":"RUNNING"}}. */
  String detailsJson();
}
