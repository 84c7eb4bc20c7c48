package io.syncfabric.frontend.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A join or leave, as it travels between the frontends of a cloud. */
public record PresenceEvent(boolean join, String channel, PresenceEntry entry) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    return JSON.createObjectNode().put("op", join ? "join" : "leave").put("channel", channel)
        .put("client", entry.client()).put("user", entry.user()).put("node", entry.node()).toString();
  }

  /** The client frame: the same fields the travelling form has. */
  public byte[] frame() {
    return toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static PresenceEvent fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new PresenceEvent(n.path("op").asText().equals("join"), n.path("channel").asText(),
          new PresenceEntry(n.path("client").asText(), n.path("user").asText(), n.path("node").asText()));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable presence event", e);
    }
  }
}
