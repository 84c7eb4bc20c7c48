package io.syncfabric.bridge.sequencer;

/** Header names the sequencer adds to a dead-lettered record (its own key, value and headers are kept). */
public final class DeadLetterHeaders {
  public static final String REASON = "fabric.dlq.reason";
  public static final String DETAIL = "fabric.dlq.detail";
  public static final String TOPIC = "fabric.dlq.topic";
  public static final String PARTITION = "fabric.dlq.partition";
  public static final String OFFSET = "fabric.dlq.offset";

  private DeadLetterHeaders() {}
}
