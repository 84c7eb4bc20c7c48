package io.syncfabric.frontend.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncfabric.schema.StreamPosition;

/**
 * One parsed client frame: a JSON object with {@code op} and optional {@code id}. Parsing is bounded
 * (nesting depth, number and string sizes) so a hostile frame costs little.
 */
public final class ClientRequest {
  static final int MAX_DEPTH = 16;
  static final int MAX_ID_LENGTH = 64;
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(32)
          .build())
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build());

  private final String op;
  private final JsonNode id;
  private final ObjectNode body;

  private ClientRequest(String op, JsonNode id, ObjectNode body) {
    this.op = op;
    this.id = id;
    this.body = body;
  }

  /** Parses a text frame; bad JSON is {@link ErrorCode#BAD_FRAME}, a missing op {@link ErrorCode#BAD_REQUEST}. */
  public static ClientRequest parse(String text) throws ProtocolException {
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(text)) {
      node = MAPPER.readTree(parser);
      if (node != null && parser.nextToken() != null) {
        throw new ProtocolException(ErrorCode.BAD_FRAME, "trailing data after the JSON object");
      }
    } catch (ProtocolException e) {
      throw e;
    } catch (Exception e) {
      throw new ProtocolException(ErrorCode.BAD_FRAME, "not valid JSON");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ProtocolException(ErrorCode.BAD_FRAME, "frame must be a JSON object");
    }
    JsonNode id = object.get("id");
    if (id != null && !(id.isIntegralNumber() || (id.isTextual() && id.textValue().length() <= MAX_ID_LENGTH))) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "id must be an integer or a string of at most " + MAX_ID_LENGTH + " characters");
    }
    JsonNode op = object.get("op");
    if (op == null || !op.isTextual()) {
      return new ClientRequest(null, id, object);
    }
    return new ClientRequest(op.textValue(), id, object);
  }

  /** The op, or {@code null} when the frame has none (answered with bad-request, echoing the id). */
  public String op() {
    return op;
  }

  /** The request id to echo in the reply, or {@code null}. */
  public JsonNode id() {
    return id;
  }

  public String requiredString(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a non-empty string");
    }
    return v.textValue();
  }

  /** An optional non-empty string; {@code null} when absent. */
  public String optionalString(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a non-empty string");
    }
    return v.textValue();
  }

  /** A field of any JSON type, required. */
  public JsonNode requiredValue(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' is required");
    }
    return v;
  }

  /** Optional {@code since: {epoch, seq}}; {@code null} when absent. */
  public StreamPosition optionalPosition(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    JsonNode epoch = v.get("epoch");
    JsonNode seq = v.get("seq");
    if (!v.isObject() || epoch == null || !epoch.isTextual() || seq == null || !seq.canConvertToLong()
        || !seq.isIntegralNumber()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be {\"epoch\": string, \"seq\": integer}");
    }
    try {
      return new StreamPosition(epoch.textValue(), seq.longValue());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "': " + e.getMessage());
    }
  }

  /** Optional {@code since.ts}: the timestamp of the last message the client saw (0 when absent). */
  public long optionalSinceTimestamp(String field) throws ProtocolException {
    JsonNode ts = body.path(field).get("ts");
    if (ts == null || ts.isNull()) {
      return 0;
    }
    if (!ts.isIntegralNumber() || ts.longValue() < 0) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + ".ts' must be a non-negative integer");
    }
    return ts.longValue();
  }

  /** Optional boolean; false when absent. */
  public boolean optionalBoolean(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be true or false");
    }
    return v.booleanValue();
  }

  /** Optional integer in {@code [1, max]}; {@code fallback} when absent. */
  public int optionalInt(String field, int fallback, int max) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || v.longValue() < 1 || v.longValue() > max) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be an integer from 1 to " + max);
    }
    return v.intValue();
  }

}
