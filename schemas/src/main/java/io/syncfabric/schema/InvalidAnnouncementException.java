package io.syncfabric.schema;

/** A record on a members topic that is not a readable {@link MemberAnnouncement}; the reason says why. */
public final class InvalidAnnouncementException extends Exception {
  private final String reason;

  public InvalidAnnouncementException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** Short, low-cardinality reason usable as a metric tag. */
  public String reason() {
    return reason;
  }
}
