package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A client present on a channel: its session id, its user and the frontend it is connected to. */
public record PresenceInfo(String client, String user, String node) {
  static PresenceInfo of(JsonNode n) {
    return new PresenceInfo(n.path("client").asText(), n.path("user").asText(), n.path("node").asText());
  }
}
