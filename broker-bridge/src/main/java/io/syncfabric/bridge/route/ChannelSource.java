package io.syncfabric.bridge.route;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import io.syncfabric.schema.Utf8;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Where a routed topic's records carry their channel: the key, a header, or a JSON field. */
public sealed interface ChannelSource {

  /** The channel text, or {@code null} when the record does not carry one. */
  String extract(byte[] key, Headers headers, byte[] value);

  static ChannelSource parse(String spec) {
    if (spec.equals("key")) {
      return new FromKey();
    }
    if (spec.startsWith("header:") && spec.length() > "header:".length()) {
      return new FromHeader(spec.substring("header:".length()));
    }
    if (spec.startsWith("json:") && spec.length() > "json:".length()) {
      List<String> path = List.of(spec.substring("json:".length()).split("\\."));
      if (path.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("empty element in JSON path: " + spec);
      }
      return new FromJsonField(path);
    }
    throw new IllegalArgumentException("channel source must be key, header:<name> or json:<field.path>, not " + spec);
  }

  record FromKey() implements ChannelSource {
    @Override
    public String extract(byte[] key, Headers headers, byte[] value) {
      return key == null ? null : Utf8.decodeStrict(key);
    }
  }

  record FromHeader(String name) implements ChannelSource {
    @Override
    public String extract(byte[] key, Headers headers, byte[] value) {
      Header header = headers.lastHeader(name);
      return header == null || header.value() == null ? null : Utf8.decodeStrict(header.value());
    }
  }

  /** A string or number at a dotted path of a JSON object value, read with a streaming parser. */
  record FromJsonField(List<String> path) implements ChannelSource {
    private static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
        .build();

    @Override
    public String extract(byte[] key, Headers headers, byte[] value) {
      if (value == null) {
        return null;
      }
      try (JsonParser parser = JSON.createParser(value)) {
        return find(parser, 0);
      } catch (IOException e) {
        return null;
      }
    }

    private String find(JsonParser parser, int depth) throws IOException {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String wanted = path.get(depth);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (!name.equals(wanted)) {
          parser.nextToken();
          parser.skipChildren();
          continue;
        }
        if (depth == path.size() - 1) {
          JsonToken token = parser.nextToken();
          return token == JsonToken.VALUE_STRING || token.isNumeric() ? parser.getText() : null;
        }
        return find(parser, depth + 1);
      }
      return null;
    }
  }
}
