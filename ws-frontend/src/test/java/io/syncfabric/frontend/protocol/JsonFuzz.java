package io.syncfabric.frontend.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Random client frames for fuzzing: hostile text (any unicode, lone surrogates, deep nesting, huge
 * numbers, duplicate keys, wrong types, broken escapes, mutations of valid frames) and well-formed
 * frames whose content is known, for round trips.
 */
public final class JsonFuzz {
  public static final List<String> OPS = List.of("connect", "subscribe", "unsubscribe", "publish", "history",
      "presence", "stats", "ping", "refresh");
  static final List<String> KEYS = List.of("op", "id", "channel", "token", "data", "since", "epoch", "seq", "ts",
      "limit", "presence", "", "\u0000", "op ");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SPECIALS = "{}[]\":,\\ \t\n\r-+.eE0123456789tfnul/'*";

  private JsonFuzz() {}

  /** Any text a hostile client could send as a frame. */
  public static String anyFrame(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> unicode(r, r.nextInt(80));
      case 1 -> jsonish(r, 0);
      case 2 -> hostileObject(r);
      case 3 -> mutate(r, validFrame(r, 6).text());
      case 4 -> deep(r, 1 + r.nextInt(300));
      case 5 -> validFrame(r, 4).text() + (r.nextBoolean() ? " " : "") + anyScalar(r);
      default -> mutate(r, hostileObject(r));
    };
  }

  /** Random code points of every kind, lone surrogates and controls included. */
  public static String unicode(Random r, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (r.nextInt(9)) {
        case 0 -> b.append((char) r.nextInt(0x20));
        case 1 -> b.append((char) (0xD800 + r.nextInt(0x400))); // lone high surrogate
        case 2 -> b.append((char) (0xDC00 + r.nextInt(0x400))); // lone low surrogate
        case 3 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000));
        case 4 -> b.append((char) (0x80 + r.nextInt(0xD800 - 0x80)));
        case 5 -> b.append(r.nextBoolean() ? '\uFFFF' : '\uFEFF');
        case 6, 7 -> b.append(SPECIALS.charAt(r.nextInt(SPECIALS.length())));
        default -> b.append((char) (0x20 + r.nextInt(0x5F)));
      }
    }
    return b.toString();
  }

  /** Well-formed Unicode only (no lone surrogates): what a well-behaved client can send. */
  public static String validUnicode(Random r, int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      int cp = switch (r.nextInt(4)) {
        case 0 -> 0x20 + r.nextInt(0x5F);
        case 1 -> r.nextInt(0x20);
        case 2 -> 0x10000 + r.nextInt(0x100000);
        default -> 0x80 + r.nextInt(0xD800 - 0x80);
      };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  /** JSON-looking text, valid more often than not, nesting up to {@code depth} 12 and beyond by chance. */
  public static String jsonish(Random r, int depth) {
    int pick = depth > 12 ? r.nextInt(3) : r.nextInt(6);
    return switch (pick) {
      case 0, 1, 2 -> r.nextInt(6) == 0 ? anyScalar(r) : validScalar(r);
      case 3, 4 -> {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          b.append(i > 0 ? "," : "").append(key(r)).append(r.nextInt(30) == 0 ? "" : ":").append(jsonish(r, depth + 1));
        }
        yield b.append(r.nextInt(20) == 0 ? "," : "").append(r.nextInt(25) == 0 ? "" : "}").toString();
      }
      default -> {
        StringBuilder b = new StringBuilder("[");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          b.append(i > 0 ? "," : "").append(jsonish(r, depth + 1));
        }
        yield b.append(r.nextInt(20) == 0 ? "," : "").append(r.nextInt(25) == 0 ? "" : "]").toString();
      }
    };
  }

  /** An object with protocol-looking keys (often repeated) holding values of the wrong kinds. */
  public static String hostileObject(Random r) {
    StringBuilder b = new StringBuilder("{\"op\":");
    b.append(r.nextInt(4) == 0 ? anyScalar(r) : quote(OPS.get(r.nextInt(OPS.size()))));
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(',').append(key(r)).append(':').append(jsonish(r, 8));
    }
    return b.append('}').toString();
  }

  /** Nesting {@code depth} containers deep (the frame object counts as one), sometimes left open. */
  public static String deep(Random r, int depth) {
    StringBuilder open = new StringBuilder("{\"op\":\"ping\",\"x\":");
    StringBuilder close = new StringBuilder("}");
    for (int i = 1; i < depth; i++) {
      boolean array = r.nextBoolean();
      open.append(array ? "[" : "{\"k\":");
      close.insert(0, array ? "]" : "}");
    }
    open.append(r.nextBoolean() ? "1" : "\"leaf\"");
    return r.nextInt(10) == 0 ? open.toString() : open.append(close).toString();
  }

  public static String anyScalar(Random r) {
    return switch (r.nextInt(16)) {
      case 0 -> "\"" + unicode(r, r.nextInt(20)) + "\""; // raw controls, quotes and lone surrogates inside
      case 1 -> "\"" + escapes(r) + "\"";
      case 2 -> Long.toString(r.nextLong());
      case 3 -> digits(r, 20 + r.nextInt(400)); // far past any number limit
      case 4 -> "1e" + (r.nextBoolean() ? "-" : "") + digits(r, 1 + r.nextInt(9));
      case 5 -> List.of("-0", "0.0", "-", "01", "1.", ".5", "+1", "1e", "0x10", "--1").get(r.nextInt(10));
      case 6 -> List.of("NaN", "Infinity", "-Infinity", "undefined", "nul", "tru", "True").get(r.nextInt(7));
      case 7 -> List.of("true", "false", "null").get(r.nextInt(3));
      case 8 -> "'" + validUnicode(r, r.nextInt(5)) + "'";
      case 9 -> "/*c*/1";
      case 10 -> quote("x".repeat(60 + r.nextInt(10))); // around the 64-character id bound
      default -> quote(validUnicode(r, r.nextInt(12)));
    };
  }

  /** A valid JSON scalar, numbers around the parser's 32-digit limit included. */
  public static String validScalar(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> Long.toString(r.nextLong());
      case 1 -> digits(r, 28 + r.nextInt(10));
      case 2 -> List.of("true", "false", "null", "-0", "1e5", "1.5E-7", "0.0").get(r.nextInt(7));
      case 3 -> "\"" + List.of("\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", "\\/").get(r.nextInt(5)) + "\"";
      case 4 -> Double.toString(r.nextGaussian());
      default -> quote(validUnicode(r, r.nextInt(12)));
    };
  }

  /** A frame that is valid JSON: a known op, a valid id or none, and fields of any JSON type. */
  public static Frame validFrame(Random r, int maxValueDepth) {
    ObjectNode frame = JsonNodeFactory.instance.objectNode();
    String op = r.nextBoolean() ? OPS.get(r.nextInt(OPS.size())) : validUnicode(r, r.nextInt(10));
    frame.put("op", op);
    JsonNode id = switch (r.nextInt(5)) {
      case 0 -> null;
      case 1 -> IntNode.valueOf(r.nextInt());
      case 2 -> LongNode.valueOf(r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(1000) : Integer.MIN_VALUE - 1L - r.nextInt(1000));
      case 3 -> BigIntegerNode.valueOf(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(2 + r.nextInt(1000))));
      default -> TextNode.valueOf(validUnicode(r, r.nextInt(ClientRequest.MAX_ID_LENGTH))); // at most 64 chars
    };
    if (id != null) {
      frame.set("id", id);
    }
    int fields = r.nextInt(6);
    for (int i = 0; i < fields; i++) {
      frame.set("f" + i + validUnicode(r, r.nextInt(4)), value(r, r.nextInt(maxValueDepth + 1)));
    }
    return new Frame(write(frame), op, id, frame);
  }

  /** A JSON value nested at most {@code depth} containers deep, of the node types Jackson reads back. */
  public static JsonNode value(Random r, int depth) {
    int pick = depth == 0 ? r.nextInt(7) : r.nextInt(9);
    return switch (pick) {
      case 0 -> TextNode.valueOf(validUnicode(r, r.nextInt(16)));
      case 1 -> IntNode.valueOf(r.nextInt());
      case 2 -> LongNode.valueOf(r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(1000) : (long) Integer.MAX_VALUE + 1 + r.nextInt(1000));
      case 3 -> BigIntegerNode.valueOf(new BigInteger(90, r).add(BigInteger.valueOf(Long.MAX_VALUE)).add(BigInteger.ONE));
      case 4 -> DoubleNode.valueOf(finiteDouble(r));
      case 5 -> BooleanNode.valueOf(r.nextBoolean());
      case 6 -> NullNode.instance;
      case 7 -> {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(value(r, depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.set(validUnicode(r, r.nextInt(6)), value(r, depth - 1));
        }
        yield o;
      }
    };
  }

  /** One to four random edits: deletions, insertions (lone surrogates too), swaps, cuts, repeats. */
  public static String mutate(Random r, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
      int at = b.length() == 0 ? 0 : r.nextInt(b.length());
      switch (r.nextInt(6)) {
        case 0 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(4)));
        case 1 -> b.insert(at, unicode(r, 1 + r.nextInt(3)));
        case 2 -> b.setLength(at);
        case 3 -> b.insert(at, b.substring(at, Math.min(b.length(), at + r.nextInt(12))));
        case 4 -> b.insert(at, SPECIALS.charAt(r.nextInt(SPECIALS.length())));
        default -> {
          if (b.length() > 1) {
            int other = r.nextInt(b.length());
            char c = b.charAt(at);
            b.setCharAt(at, b.charAt(other));
            b.setCharAt(other, c);
          }
        }
      }
    }
    return b.toString();
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double finiteDouble(Random r) {
    double d = r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * 1e6;
    return Double.isFinite(d) ? d : 0.5;
  }

  private static String key(Random r) {
    return r.nextInt(8) == 0 ? validUnicode(r, 3) : quote(KEYS.get(r.nextInt(KEYS.size())));
  }

  private static String escapes(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(6); i >= 0; i--) {
      b.append(List.of("\\n", "\\\"", "\\\\", "\\/", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\x41", "\\u12",
          "\\uZZZZ", "\\", "\\u0000", "a").get(r.nextInt(13)));
    }
    return b.toString();
  }

  private static String digits(Random r, int n) {
    StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "").append(1 + r.nextInt(9));
    for (int i = 1; i < n; i++) {
      b.append(r.nextInt(10));
    }
    return b.toString();
  }

  /** A JSON string literal of {@code s}; lone surrogates stay raw, as a hostile client would send them. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** A generated valid frame and what it holds. */
  public record Frame(String text, String op, JsonNode id, ObjectNode node) {}
}
