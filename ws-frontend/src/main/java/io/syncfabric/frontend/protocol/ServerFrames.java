package io.syncfabric.frontend.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.presence.PresenceEntry;
import io.syncfabric.schema.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes the server's reply frames (everything but {@code message}, see {@link MessageFrames}). */
public final class ServerFrames {
  private static final JsonFactory JSON = new JsonFactory();

  private ServerFrames() {}

  public static byte[] connected(JsonNode id, String client, String node, long expiresAtSeconds) {
    return write(g -> {
      start(g, "connected", id);
      g.writeStringField("client", client);
      g.writeStringField("node", node);
      if (expiresAtSeconds > 0) {
        g.writeNumberField("expires", expiresAtSeconds);
      }
    });
  }

  /**
   * Reply to subscribe. {@code epoch}, {@code seq} and {@code origin} are the position in
   * {@code primaryOrigin}'s stream (the origin of the client's {@code since}, or of the newest
   * message this frontend delivered on the channel; {@code ""}, 0 and {@code ""} when none);
   * {@code positions} lists every origin's. {@code reason} says why a recovery failed.
   */
  public static byte[] subscribed(JsonNode id, String channel, io.syncfabric.frontend.channel.Positions positions,
      String primaryOrigin, boolean recovered, String reason) {
    StreamPosition primary = primaryOrigin == null ? null : positions.of(primaryOrigin);
    return write(g -> {
      start(g, "subscribed", id);
      g.writeStringField("channel", channel);
      g.writeStringField("epoch", primary == null ? "" : primary.epoch());
      g.writeNumberField("seq", primary == null ? 0 : primary.seq());
      g.writeStringField("origin", primary == null ? "" : primaryOrigin);
      g.writeBooleanField("recovered", recovered);
      // when the subscription took effect, by this frontend's clock: a client resumes with it as
      // 'from' so streams it never had a position in are replayed from then
      g.writeNumberField("at", System.currentTimeMillis());
      if (!recovered && reason != null) {
        g.writeStringField("reason", reason);
      }
      g.writeArrayFieldStart("positions");
      for (var e : new java.util.TreeMap<>(positions.byOrigin()).entrySet()) {
        g.writeStartObject();
        g.writeStringField("origin", e.getKey());
        g.writeStringField("epoch", e.getValue().epoch());
        g.writeNumberField("seq", e.getValue().seq());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /**
   * Reply to history: one origin's stream of the channel, its stored range ({@code epoch}, newest {@code seq}) and the
   * requested {@code message} frames, oldest first.
   */
  public static byte[] history(JsonNode id, String channel, String origin, String epoch, long seq, java.util.List<byte[]> frames) {
    return write(g -> {
      start(g, "history", id);
      g.writeStringField("channel", channel);
      g.writeStringField("origin", origin);
      g.writeStringField("epoch", epoch);
      g.writeNumberField("seq", seq);
      g.writeArrayFieldStart("messages");
      for (byte[] frame : frames) {
        g.writeRawValue(new String(frame, java.nio.charset.StandardCharsets.UTF_8));
      }
      g.writeEndArray();
    });
  }

  public static byte[] unsubscribed(JsonNode id, String channel) {
    return write(g -> {
      start(g, "unsubscribed", id);
      g.writeStringField("channel", channel);
    });
  }

  /** The server ended a subscription by itself (no id): why, as an error code and a reason. */
  public static byte[] unsubscribedBecause(String channel, ErrorCode code, String reason) {
    return write(g -> {
      start(g, "unsubscribed", null);
      g.writeStringField("channel", channel);
      g.writeNumberField("code", code.code());
      g.writeStringField("name", code.tag());
      g.writeStringField("reason", reason);
    });
  }

  public static byte[] published(JsonNode id, String channel) {
    return write(g -> {
      start(g, "published", id);
      g.writeStringField("channel", channel);
    });
  }

  /** Reply to presence: every client of the cloud subscribed to the channel. */
  public static byte[] presence(JsonNode id, String channel, java.util.List<PresenceEntry> clients) {
    return write(g -> {
      start(g, "presence", id);
      g.writeStringField("channel", channel);
      g.writeArrayFieldStart("clients");
      for (PresenceEntry c : clients) {
        g.writeStartObject();
        g.writeStringField("client", c.client());
        g.writeStringField("user", c.user());
        g.writeStringField("node", c.node());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /**
   * Drain hint: move to {@code url} (empty: ask discovery), resume with since, and close this
   * connection; the frontend closes it with 4001 after {@code withinMs}.
   */
  public static byte[] reconnect(String url, String node, String reason, long withinMs) {
    return write(g -> {
      start(g, "reconnect", null);
      g.writeStringField("url", url);
      g.writeStringField("node", node);
      g.writeStringField("reason", reason);
      g.writeNumberField("within", withinMs);
    });
  }

  /** Reply to refresh: the connection now runs on the new token, which expires at {@code expiresAtSeconds}. */
  public static byte[] refreshed(JsonNode id, long expiresAtSeconds) {
    return write(g -> {
      start(g, "refreshed", id);
      if (expiresAtSeconds > 0) {
        g.writeNumberField("expires", expiresAtSeconds);
      }
    });
  }

  public static byte[] pong(JsonNode id) {
    return write(g -> start(g, "pong", id));
  }

  public static byte[] error(JsonNode id, ErrorCode code, String reason) {
    return write(g -> {
      start(g, "error", id);
      g.writeNumberField("code", code.code());
      g.writeStringField("name", code.tag());
      g.writeStringField("reason", reason);
    });
  }

  private static void start(JsonGenerator g, String op, JsonNode id) throws IOException {
    g.writeStringField("op", op);
    if (id != null) {
      g.writeFieldName("id");
      if (id.isTextual()) {
        g.writeString(id.textValue());
      } else {
        g.writeNumber(id.bigIntegerValue());
      }
    }
  }

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
