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

  /** Most origins one {@code since} may name. */
  public static final int MAX_SINCE_ORIGINS = 16;
  private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /**
   * One position of a subscribe's {@code since}: where the client is in {@code origin}'s stream
   * ({@code null} when a client sent one position without naming its origin) and the timestamp of
   * that message (0 when not sent).
   */
  public record SincePosition(String origin, StreamPosition position, long ts) {}

  /**
   * Optional {@code since}: one {@code {epoch, seq, ts?, origin?}} object, or an array of them, one
   * per origin cloud; empty when absent.
   */
  public java.util.List<SincePosition> optionalSince(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return java.util.List.of();
    }
    if (!v.isArray()) {
      return java.util.List.of(sincePosition(v, field));
    }
    if (v.isEmpty() || v.size() > MAX_SINCE_ORIGINS) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must list 1.." + MAX_SINCE_ORIGINS + " positions");
    }
    java.util.List<SincePosition> positions = new java.util.ArrayList<>();
    java.util.Set<String> origins = new java.util.HashSet<>();
    for (JsonNode item : v) {
      SincePosition p = sincePosition(item, field + "[]");
      if (p.origin() == null || !origins.add(p.origin())) {
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "each position in '" + field + "' needs its own 'origin'");
      }
      positions.add(p);
    }
    return positions;
  }

  private static SincePosition sincePosition(JsonNode v, String field) throws ProtocolException {
    JsonNode epoch = v.get("epoch");
    JsonNode seq = v.get("seq");
    if (!v.isObject() || epoch == null || !epoch.isTextual() || seq == null || !seq.canConvertToLong()
        || !seq.isIntegralNumber()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be {\"epoch\": string, \"seq\": integer}");
    }
    JsonNode origin = v.get("origin");
    if (origin != null && !origin.isNull() && (!origin.isTextual() || !ORIGIN.matcher(origin.textValue()).matches())) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + ".origin' must be a cloud id");
    }
    JsonNode ts = v.get("ts");
    if (ts != null && !ts.isNull() && (!ts.isIntegralNumber() || ts.longValue() < 0)) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + ".ts' must be a non-negative integer");
    }
    try {
      return new SincePosition(origin == null || origin.isNull() ? null : origin.textValue(),
          new StreamPosition(epoch.textValue(), seq.longValue()), ts == null || ts.isNull() ? 0 : ts.longValue());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "': " + e.getMessage());
    }
  }

  /** Optional cloud id, e.g. {@code origin}; {@code null} when absent. */
  public String optionalOrigin(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !ORIGIN.matcher(v.textValue()).matches()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a cloud id");
    }
    return v.textValue();
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

  /** Optional timestamp in epoch milliseconds (e.g. a subscribe's {@code from}); 0 when absent. */
  public long optionalMillis(String field) throws ProtocolException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a non-negative integer (epoch ms)");
    }
    return v.longValue();
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
