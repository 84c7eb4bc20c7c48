package io.syncfabric.schema;

/** A record on the events topic that is not a readable {@link Envelope}; the reason says why. */
public final class InvalidEnvelopeException extends Exception {
  private final String reason;

  public InvalidEnvelopeException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** Short, low-cardinality reason usable as a metric tag. */
  public String reason() {
    return reason;
  }
}
