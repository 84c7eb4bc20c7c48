package io.syncfabric.bridge.mirror;

/**
 * One direction of replication, {@code source->target} in MirrorMaker 2's words: records of the
 * source cloud's topics land on the target cloud prefixed with the source's name.
 */
public record MirrorFlow(String source, String target) {

  /** MirrorMaker 2's name for the flow, the prefix of its per-flow properties. */
  public String alias() {
    return source + "->" + target;
  }

  /** Name of {@code topic} of the source cloud once mirrored to the target (default replication policy). */
  public String remoteTopic(String topic) {
    return source + "." + topic;
  }

  @Override
  public String toString() {
    return alias();
  }
}
