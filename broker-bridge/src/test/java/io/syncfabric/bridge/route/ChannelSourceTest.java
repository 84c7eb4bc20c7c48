package io.syncfabric.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ChannelSourceTest {
  private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String fromJson(String path, String json) {
    return ChannelSource.parse("json:" + path).extract(null, new RecordHeaders(), utf8(json));
  }

  @Test
  void parsesEachKindOfSource() {
    assertThat(ChannelSource.parse("key")).isEqualTo(new ChannelSource.FromKey());
    assertThat(ChannelSource.parse("header:x-channel")).isEqualTo(new ChannelSource.FromHeader("x-channel"));
    assertThat(ChannelSource.parse("json:user.id")).isEqualTo(new ChannelSource.FromJsonField(List.of("user", "id")));
  }

  @Test
  void rejectsEmptyHeaderNameAndJsonPath() {
    assertThatThrownBy(() -> ChannelSource.parse("header:")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelSource.parse("json:")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsEmptyJsonPathElement() {
    assertThatThrownBy(() -> ChannelSource.parse("json:user..id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty element");
    assertThatThrownBy(() -> ChannelSource.parse("json:.id")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keySourceReadsTheKeyAsUtf8() {
    ChannelSource key = new ChannelSource.FromKey();

    assertThat(key.extract(utf8("chat:café"), new RecordHeaders(), null)).isEqualTo("chat:café");
  }

  @Test
  void keySourceGivesNullForNullOrInvalidUtf8Key() {
    ChannelSource key = new ChannelSource.FromKey();

    assertThat(key.extract(null, new RecordHeaders(), utf8("v"))).isNull();
    assertThat(key.extract(INVALID_UTF8, new RecordHeaders(), utf8("v"))).isNull();
  }

  @Test
  void headerSourceReadsTheLastHeaderOfThatName() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("x-channel", utf8("first"));
    headers.add("x-channel", utf8("last"));

    assertThat(new ChannelSource.FromHeader("x-channel").extract(utf8("key"), headers, null)).isEqualTo("last");
  }

  @Test
  void headerSourceGivesNullForMissingNullOrInvalidHeader() {
    ChannelSource header = new ChannelSource.FromHeader("x-channel");
    RecordHeaders nullValue = new RecordHeaders();
    nullValue.add("x-channel", null);
    RecordHeaders invalid = new RecordHeaders();
    invalid.add("x-channel", INVALID_UTF8);

    assertThat(header.extract(utf8("key"), new RecordHeaders(), null)).isNull();
    assertThat(header.extract(utf8("key"), nullValue, null)).isNull();
    assertThat(header.extract(utf8("key"), invalid, null)).isNull();
  }

  @Test
  void jsonSourceReadsATopLevelString() {
    assertThat(fromJson("room", "{\"room\":\"lobby\",\"text\":\"hi\"}")).isEqualTo("lobby");
  }

  @Test
  void jsonSourceReadsANestedFieldSkippingOtherFields() {
    String json = "{\"a\":{\"id\":\"wrong\"},\"list\":[1,{\"id\":\"no\"}],\"user\":{\"name\":\"x\",\"id\":\"u42\"}}";

    assertThat(fromJson("user.id", json)).isEqualTo("u42");
  }

  @Test
  void jsonSourceReadsNumbersAsTheirText() {
    assertThat(fromJson("user.id", "{\"user\":{\"id\":42}}")).isEqualTo("42");
    assertThat(fromJson("price", "{\"price\":1.5}")).isEqualTo("1.5");
  }

  @Test
  void jsonSourceGivesNullForMissingField() {
    assertThat(fromJson("user.id", "{\"user\":{\"name\":\"x\"}}")).isNull();
    assertThat(fromJson("user.id", "{\"other\":1}")).isNull();
  }

  @Test
  void jsonSourceGivesNullForNonScalarOrNonStringValues() {
    assertThat(fromJson("user", "{\"user\":{\"id\":1}}")).isNull();
    assertThat(fromJson("user", "{\"user\":true}")).isNull();
    assertThat(fromJson("user", "{\"user\":null}")).isNull();
    assertThat(fromJson("user.id", "{\"user\":\"flat\"}")).isNull();
  }

  @Test
  void jsonSourceGivesNullForBadJsonNonObjectOrNullValue() {
    assertThat(fromJson("id", "{\"id\":")).isNull();
    assertThat(fromJson("id", "not json")).isNull();
    assertThat(fromJson("id", "[{\"id\":\"x\"}]")).isNull();
    assertThat(fromJson("id", "")).isNull();
    assertThat(ChannelSource.parse("json:id").extract(null, new RecordHeaders(), null)).isNull();
  }

  @Test
  void jsonSourceIgnoresTheKey() {
    assertThat(ChannelSource.parse("json:id").extract(utf8("keyed"), new RecordHeaders(), utf8("{\"id\":\"v\"}")))
        .isEqualTo("v");
  }
}
