package io.syncfabric.frontend.protocol;

/**
 * Every error and close code the frontend sends, in one catalogue (docs/protocol.md lists the same
 * table, and a test keeps the two in step).
 *
 * <p>{@code error} frames carry codes below 1000 and leave the connection open unless a close code
 * is given. Close codes: 4000-4499 mean "reconnect and resume"; 4500-4999 mean "do not reconnect
 * with the same credentials". 1009 (message too big), 1007 (invalid UTF-8) and 1002 (protocol
 * error) are the WebSocket standard codes; the WebSocket layer sends those without an error frame.
 */
public enum ErrorCode {
  BAD_FRAME(100, "bad-frame", "frame is not a JSON object", 0),
  BAD_REQUEST(101, "bad-request", "a field is missing or has the wrong type", 0),
  UNKNOWN_OP(102, "unknown-op", "op is not one this server knows", 0),
  NOT_CONNECTED(103, "not-connected", "send connect with a token first", 0),
  ALREADY_CONNECTED(104, "already-connected", "connect was already accepted on this connection", 0),
  BAD_CHANNEL(105, "bad-channel", "channel name breaks the channel name rules", 0),
  ALREADY_SUBSCRIBED(106, "already-subscribed", "this connection is already subscribed to the channel", 0),
  NOT_SUBSCRIBED(107, "not-subscribed", "this connection is not subscribed to the channel", 0),
  TOO_MANY_SUBSCRIPTIONS(108, "too-many-subscriptions", "ws.max.subscriptions reached on this connection", 0),
  BINARY_NOT_SUPPORTED(109, "binary-not-supported", "the protocol uses text frames only", 0),
  PERMISSION_DENIED(110, "permission-denied", "the token does not allow this channel", 0),
  PAYLOAD_TOO_LARGE(111, "payload-too-large", "publish data is larger than publish.max.payload.bytes", 0),
  PUBLISH_FAILED(120, "publish-failed", "Kafka did not accept the message; retry", 0),
  HISTORY_UNAVAILABLE(121, "history-unavailable", "the hot history could not be read; retry", 0),
  PRESENCE_UNAVAILABLE(122, "presence-unavailable", "presence is off on this frontend or could not be read; retry", 0),
  REFRESH_REJECTED(123, "refresh-rejected", "the refresh token is invalid, expired or for another user; the current token stays", 0),
  INTERNAL(130, "internal", "unexpected server error; the connection stays usable", 0),
  INVALID_TOKEN(150, "invalid-token", "token is malformed, badly signed or lacks sub", 4501),
  TOKEN_EXPIRED(151, "token-expired", "token exp is in the past (or nbf in the future), or the connection's token ran out unrefreshed", 4502),
  CONNECT_TIMEOUT(152, "connect-timeout", "no connect within ws.connect.timeout.ms", 4503),
  TOO_MANY_CONNECTIONS(153, "too-many-connections", "the user holds ws.max.connections.per.user connections in the cloud", 4504),
  SLOW_CONSUMER(160, "slow-consumer", "the outbound queue overflowed; reconnect and resume with since", 4004),
  FRAME_TOO_LARGE(161, "frame-too-large", "a client frame exceeded ws.max.frame.bytes", 1009),
  SHUTTING_DOWN(162, "shutting-down", "the frontend is stopping; reconnect elsewhere and resume", 4001),
  RATE_LIMITED(163, "rate-limited", "the connection sent more than ws.max.messages.per.second frames (bursts of twice that); reconnect more slowly", 4006),
  IDLE_TIMEOUT(164, "idle-timeout", "nothing received, not even a pong, for ws.idle.timeout.ms", 4007),
  TOO_MANY_FROM_ADDRESS(165, "too-many-from-address", "ws.max.connections.per.address reached for the source address on this frontend", 4005),
  INVALID_UTF8(166, "invalid-utf8", "a text frame was not valid UTF-8 (RFC 6455 8.1)", 1007),
  PROTOCOL_ERROR(167, "protocol-error", "a frame broke the WebSocket protocol: unmasked, a reserved opcode or bit, a fragmented or oversized control frame (RFC 6455 5)", 1002);

  private final int code;
  private final String tag;
  private final String meaning;
  private final int closeCode;

  ErrorCode(int code, String tag, String meaning, int closeCode) {
    this.code = code;
    this.tag = tag;
    this.meaning = meaning;
    this.closeCode = closeCode;
  }

  /** Numeric code in {@code error} frames. */
  public int code() {
    return code;
  }

  /** Stable lower-case name, used as the metric tag. */
  public String tag() {
    return tag;
  }

  public String meaning() {
    return meaning;
  }

  /** WebSocket close code sent after the error, or 0 when the connection stays open. */
  public int closeCode() {
    return closeCode;
  }

  public boolean closesConnection() {
    return closeCode != 0;
  }

  /** Whether a client should reconnect (and resume) after this close. */
  public boolean reconnect() {
    return closeCode == 1009 ? false : closeCode >= 4000 && closeCode < 4500;
  }
}
