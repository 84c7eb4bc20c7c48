package io.syncfabric.tests.support;

import io.syncfabric.frontend.protocol.ErrorCode;
import java.util.List;
import java.util.Random;

/**
 * A bad text frame for a connected client whose token allows only {@code abuse:*}, and the error the
 * protocol answers it with (docs/protocol.md). Cycles through every kind, each varied at random.
 */
public record BadFrame(String text, ErrorCode code) {
  static final int KINDS = 17;

  public static BadFrame of(int i, Random r, String token) {
    return switch (i % KINDS) {
      case 0 -> new BadFrame("x" + ascii(r, r.nextInt(40)), ErrorCode.BAD_FRAME); // not JSON
      case 1 -> new BadFrame(List.of("[1,2]", "42", "\"ping\"", "null", "true", "").get(r.nextInt(6)), ErrorCode.BAD_FRAME);
      case 2 -> new BadFrame(deep(17 + r.nextInt(300)), ErrorCode.BAD_FRAME);
      case 3 -> new BadFrame("{\"op\":\"ping\"}" + List.of("{}", " x", "]", ",").get(r.nextInt(4)), ErrorCode.BAD_FRAME);
      case 4 -> new BadFrame("{\"op\":\"ping\",\"id\":1,\"op\":\"ping\"}", ErrorCode.BAD_FRAME); // duplicate key
      case 5 -> new BadFrame("{\"op\":\"ping\",\"n\":1" + digits(r, 40 + r.nextInt(400)) + "}", ErrorCode.BAD_FRAME);
      case 6 -> new BadFrame("{\"id\":" + i + "}", ErrorCode.BAD_REQUEST); // no op
      case 7 -> new BadFrame("{\"op\":" + i + "}", ErrorCode.BAD_REQUEST);
      case 8 -> new BadFrame("{\"op\":\"ping\",\"id\":[" + i + "]}", ErrorCode.BAD_REQUEST);
      case 9 -> new BadFrame("{\"op\":\"launch-" + i + "\"}", ErrorCode.UNKNOWN_OP);
      case 10 -> new BadFrame("{\"op\":\"\\ud800" + "\\udfff".repeat(r.nextInt(3)) + "\"}", ErrorCode.UNKNOWN_OP);
      case 11 -> new BadFrame("{\"op\":\"subscribe\",\"channel\":" + i + "}", ErrorCode.BAD_REQUEST);
      case 12 -> new BadFrame("{\"op\":\"subscribe\",\"channel\":\"bad channel " + i + "\"}", ErrorCode.BAD_CHANNEL);
      case 13 -> new BadFrame("{\"op\":\"subscribe\",\"channel\":\"calm:" + r.nextInt(4) + "\"}", ErrorCode.PERMISSION_DENIED);
      case 14 -> new BadFrame("{\"op\":\"publish\",\"channel\":\"calm:1\",\"data\":{\"evil\":" + i + "}}",
          ErrorCode.PERMISSION_DENIED);
      case 15 -> new BadFrame("{\"op\":\"unsubscribe\",\"channel\":\"abuse:never\"}", ErrorCode.NOT_SUBSCRIBED);
      default -> new BadFrame("{\"op\":\"connect\",\"token\":\"" + token + "\"}", ErrorCode.ALREADY_CONNECTED);
    };
  }

  /** JSON nested {@code depth} levels, the frame object included (the limit is 16). */
  static String deep(int depth) {
    return "{\"op\":\"ping\",\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
  }

  private static String ascii(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) (0x20 + r.nextInt(0x5F)));
    }
    return b.toString();
  }

  private static String digits(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(r.nextInt(10));
    }
    return b.toString();
  }
}
