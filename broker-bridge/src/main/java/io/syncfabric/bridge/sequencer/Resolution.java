package io.syncfabric.bridge.sequencer;

import io.syncfabric.schema.Envelope;

/** What the sequencer makes of one input record: an envelope waiting for its seq, or a refusal. */
sealed interface Resolution {
  record Accepted(String channel, Envelope pending) implements Resolution {}

  record Rejected(DlqReason reason, String detail) implements Resolution {}
}
