package io.syncfabric.tests.support;

/**
 * The Kafka side of a two-cloud test: one KRaft cluster for cloud a and one for cloud b. Cloud a's
 * Kafka can go dark and come back with its data, and MirrorMaker 2 reaches it only through a link
 * between the clouds that can be cut, so the scenarios need nothing else from how Kafka is run.
 */
public interface TwoCloudKafka extends AutoCloseable {

  /** Where cloud a's own sequencer, frontends and publishers reach its Kafka. */
  String bootstrapA();

  /** Where cloud b's own parts, and MirrorMaker 2, reach cloud b's Kafka. */
  String bootstrapB();

  /** Where MirrorMaker 2 reaches cloud a's Kafka: every connection it opens there crosses the link. */
  String mirrorBootstrapA();

  /** Takes cloud a's Kafka down; its data stays for {@link #startCloudA()}. */
  void stopCloudA() throws Exception;

  /** Brings cloud a's Kafka back with the data it had and returns once it answers. */
  void startCloudA() throws Exception;

  /** The link between the clouds that MirrorMaker 2's traffic with cloud a crosses: cut it to split them. */
  TcpLink link();
}
