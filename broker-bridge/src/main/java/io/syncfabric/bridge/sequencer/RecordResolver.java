package io.syncfabric.bridge.sequencer;

import io.syncfabric.bridge.route.ChannelSource;
import io.syncfabric.schema.ChannelName;
import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Checks one backend record and turns it into an unsequenced {@link Envelope} (epoch empty, seq 0),
 * or says why it cannot be delivered. Pure: no Kafka Streams types, so it is tested on its own.
 */
final class RecordResolver {
  static final String CONTENT_TYPE_HEADER = "content-type";
  static final int MAX_CARRIED_HEADERS = 16;
  static final int MAX_HEADER_VALUE_BYTES = 1024;

  private final String cloud;
  private final int maxPayloadBytes;

  RecordResolver(String cloud, int maxPayloadBytes) {
    this.cloud = cloud;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  Resolution resolve(
      String topic, int partition, long offset, long timestamp,
      byte[] key, Headers headers, byte[] value, ChannelSource source, String prefix) {
    if (source instanceof ChannelSource.FromKey && key == null) {
      return new Resolution.Rejected(DlqReason.MISSING_KEY, "record key is null");
    }
    String extracted = source.extract(key, headers, value);
    if (extracted == null) {
      return source instanceof ChannelSource.FromKey
          ? new Resolution.Rejected(DlqReason.BAD_CHANNEL, "key is not valid UTF-8")
          : new Resolution.Rejected(DlqReason.NO_CHANNEL_IN_ROUTE, "no channel at " + source);
    }
    String channel = prefix + extracted;
    if (!ChannelName.isValid(channel)) {
      return new Resolution.Rejected(DlqReason.BAD_CHANNEL, "invalid channel name: " + abbreviate(channel));
    }
    if (value == null) {
      return new Resolution.Rejected(DlqReason.MISSING_VALUE, "record value is null");
    }
    if (value.length > maxPayloadBytes) {
      return new Resolution.Rejected(DlqReason.PAYLOAD_TOO_LARGE,
          value.length + " bytes > " + maxPayloadBytes);
    }
    String contentType;
    Header declared = headers.lastHeader(CONTENT_TYPE_HEADER);
    if (declared != null && declared.value() != null) {
      contentType = new String(declared.value(), StandardCharsets.ISO_8859_1);
      if (!ContentTypes.isAcceptable(contentType)) {
        return new Resolution.Rejected(DlqReason.BAD_CONTENT_TYPE, "content-type: " + abbreviate(contentType));
      }
    } else {
      contentType = ContentTypes.sniff(value);
    }
    Envelope pending = Envelope.newBuilder()
        .setChannel(channel)
        .setEpoch("")
        .setSeq(0)
        .setOriginCloud(cloud)
        .setOriginTopic(topic)
        .setOriginPartition(partition)
        .setOriginOffset(offset)
        .setPublishedAt(timestamp)
        .setSequencedAt(0)
        .setContentType(contentType)
        .setHeaders(carriedHeaders(headers))
        .setPayload(ByteBuffer.wrap(value))
        .build();
    return new Resolution.Accepted(channel, pending);
  }

  /** Backend headers worth carrying to clients: UTF-8 text, bounded in count and size. */
  private static Map<String, String> carriedHeaders(Headers headers) {
    Map<String, String> out = new HashMap<>();
    for (Header h : headers) {
      if (out.size() == MAX_CARRIED_HEADERS) {
        break;
      }
      if (h.key().equals(CONTENT_TYPE_HEADER) || h.key().startsWith("fabric.") || h.value() == null
          || h.value().length > MAX_HEADER_VALUE_BYTES) {
        continue;
      }
      String text = Utf8.decodeStrict(h.value());
      if (text != null) { // binary headers are not carried: clients only see text
        out.put(h.key(), text);
      }
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
