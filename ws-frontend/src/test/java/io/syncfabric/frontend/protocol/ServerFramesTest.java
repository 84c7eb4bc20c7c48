package io.syncfabric.frontend.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.syncfabric.frontend.channel.Positions;
import io.syncfabric.schema.StreamPosition;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerFramesTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static JsonNode read(byte[] frame) throws Exception {
    return JSON.readTree(frame);
  }

  @Test
  void connectedCarriesClientNodeAndExpiry() throws Exception {
    JsonNode f = read(ServerFrames.connected(new IntNode(1), "c0ffee", "node-1", 1_700_003_600L));

    assertThat(f.get("op").textValue()).isEqualTo("connected");
    assertThat(f.get("id").intValue()).isEqualTo(1);
    assertThat(f.get("client").textValue()).isEqualTo("c0ffee");
    assertThat(f.get("node").textValue()).isEqualTo("node-1");
    assertThat(f.get("expires").longValue()).isEqualTo(1_700_003_600L);
  }

  @Test
  void connectedOmitsExpiryAndIdWhenThereAreNone() throws Exception {
    JsonNode f = read(ServerFrames.connected(null, "c", "n", 0));

    assertThat(f.has("expires")).isFalse();
    assertThat(f.has("id")).isFalse();
  }

  @Test
  void subscribedCarriesThePosition() throws Exception {
    JsonNode f = read(ServerFrames.subscribed(new TextNode("s1"), "chat:lobby",
        new Positions(Map.of("a", new StreamPosition("e1", 41), "b", new StreamPosition("f2", 7)), "b"), "a", true, null));

    assertThat(f.get("op").textValue()).isEqualTo("subscribed");
    assertThat(f.get("id").textValue()).isEqualTo("s1");
    assertThat(f.get("channel").textValue()).isEqualTo("chat:lobby");
    assertThat(f.get("epoch").textValue()).isEqualTo("e1");
    assertThat(f.get("seq").longValue()).isEqualTo(41L);
    assertThat(f.get("origin").textValue()).isEqualTo("a");
    assertThat(f.get("recovered").booleanValue()).isTrue();
    assertThat(f.has("reason")).isFalse();
    assertThat(f.get("positions").toString()).isEqualTo(
        "[{\"origin\":\"a\",\"epoch\":\"e1\",\"seq\":41},{\"origin\":\"b\",\"epoch\":\"f2\",\"seq\":7}]");
  }

  @Test
  void subscribedWithoutPositionSaysEmptyEpochAndSeqZero() throws Exception {
    JsonNode f = read(ServerFrames.subscribed(null, "chat:lobby", Positions.NONE, null, false, "epoch-changed"));

    assertThat(f.get("epoch").textValue()).isEmpty();
    assertThat(f.get("seq").longValue()).isZero();
    assertThat(f.get("origin").textValue()).isEmpty();
    assertThat(f.get("recovered").booleanValue()).isFalse();
    assertThat(f.get("reason").textValue()).isEqualTo("epoch-changed");
    assertThat(f.get("positions").isEmpty()).isTrue();
  }

  @Test
  void unsubscribedAndPublishedNameTheChannel() throws Exception {
    JsonNode u = read(ServerFrames.unsubscribed(new IntNode(2), "chat:a"));
    JsonNode p = read(ServerFrames.published(new IntNode(3), "chat:b"));

    assertThat(u.get("op").textValue()).isEqualTo("unsubscribed");
    assertThat(u.get("id").intValue()).isEqualTo(2);
    assertThat(u.get("channel").textValue()).isEqualTo("chat:a");
    assertThat(p.get("op").textValue()).isEqualTo("published");
    assertThat(p.get("id").intValue()).isEqualTo(3);
    assertThat(p.get("channel").textValue()).isEqualTo("chat:b");
  }

  @Test
  void pongEchoesTheId() throws Exception {
    JsonNode f = read(ServerFrames.pong(new TextNode("p-1")));

    assertThat(f.get("op").textValue()).isEqualTo("pong");
    assertThat(f.get("id").textValue()).isEqualTo("p-1");
    assertThat(f.size()).isEqualTo(2);
  }

  @Test
  void errorCarriesCodeNameAndReason() throws Exception {
    JsonNode f = read(ServerFrames.error(new IntNode(9), ErrorCode.PERMISSION_DENIED, "token does not allow \"x\""));

    assertThat(f.get("op").textValue()).isEqualTo("error");
    assertThat(f.get("id").intValue()).isEqualTo(9);
    assertThat(f.get("code").intValue()).isEqualTo(110);
    assertThat(f.get("name").textValue()).isEqualTo("permission-denied");
    assertThat(f.get("reason").textValue()).isEqualTo("token does not allow \"x\"");
  }

  @Test
  void largeIntegerIdIsEchoedExactly() throws Exception {
    BigInteger big = new BigInteger("12345678901234567890");

    JsonNode f = read(ServerFrames.pong(new BigIntegerNode(big)));

    assertThat(f.get("id").bigIntegerValue()).isEqualTo(big);
  }

  @Test
  void idParsedFromAClientFrameIsEchoedWithItsType() throws Exception {
    JsonNode numeric = ClientRequest.parse("{\"op\":\"ping\",\"id\":42}").id();
    JsonNode text = ClientRequest.parse("{\"op\":\"ping\",\"id\":\"42\"}").id();

    assertThat(read(ServerFrames.pong(numeric)).get("id").isNumber()).isTrue();
    assertThat(read(ServerFrames.pong(text)).get("id").isTextual()).isTrue();
  }
}
