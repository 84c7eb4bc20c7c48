package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** A frontend as discovery lists it. */
public record Frontend(String node, String cloud, String region, URI url, URI http, double load) {
  static Frontend of(JsonNode n) {
    return new Frontend(n.path("node").asText(), n.path("cloud").asText(), n.path("region").asText(), URI.create(n.path("url").asText()),
        URI.create(n.path("http").asText()), n.path("load").asDouble());
  }

  /** A frontend known only by its HTTP base URL (a seed that did not answer discovery). */
  static Frontend seed(URI http) {
    String ws = http.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + "/v1/ws";
    return new Frontend("", "", "", URI.create(ws), http, 0);
  }
}
