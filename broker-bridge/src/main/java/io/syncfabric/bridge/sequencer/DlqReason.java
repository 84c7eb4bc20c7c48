package io.syncfabric.bridge.sequencer;

/** Why the sequencer refused a record. The code goes into the {@code fabric.dlq.reason} header. */
public enum DlqReason {
  MISSING_KEY("missing-key", "record has no key, so no channel"),
  BAD_CHANNEL("bad-channel", "channel is not valid UTF-8 or breaks the channel name rules"),
  MISSING_VALUE("missing-value", "record has no value (tombstone)"),
  PAYLOAD_TOO_LARGE("payload-too-large", "payload is larger than sequencer.max.payload.bytes"),
  BAD_CONTENT_TYPE("bad-content-type", "content-type header is not short printable ASCII"),
  NO_CHANNEL_IN_ROUTE("no-channel", "the route's key, header or JSON field is missing");

  private final String code;
  private final String description;

  DlqReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
