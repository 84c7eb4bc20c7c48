package io.syncfabric.frontend.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void numericCodesAreUnique() {
    assertThat(ErrorCode.values()).extracting(ErrorCode::code).doesNotHaveDuplicates();
  }

  @Test
  void tagsAreUniqueLowerCaseWords() {
    assertThat(ErrorCode.values()).extracting(ErrorCode::tag).doesNotHaveDuplicates()
        .allSatisfy(tag -> assertThat(tag).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"));
  }

  @Test
  void errorFrameCodesAreBelow1000() {
    assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.code()).isBetween(1, 999));
  }

  @Test
  void closeCodesAreZeroOrInTheDocumentedRanges() {
    assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.closeCode())
        .as(c.name())
        .satisfiesAnyOf(
            code -> assertThat(code).isZero(),
            code -> assertThat(code).isIn(1002, 1007, 1009), // RFC 6455's: protocol error, bad payload, too big
            code -> assertThat(code).isBetween(4000, 4999)));
  }

  @Test
  void closeCodesAreUnique() {
    int[] closing = Arrays.stream(ErrorCode.values()).filter(ErrorCode::closesConnection)
        .mapToInt(ErrorCode::closeCode).toArray();

    assertThat(closing).doesNotHaveDuplicates();
  }

  @Test
  void onlyCodesWithACloseCodeCloseTheConnection() {
    assertThat(ErrorCode.values()).allSatisfy(c ->
        assertThat(c.closesConnection()).as(c.name()).isEqualTo(c.closeCode() != 0));
    assertThat(ErrorCode.BAD_FRAME.closesConnection()).isFalse();
    assertThat(ErrorCode.INVALID_TOKEN.closesConnection()).isTrue();
  }

  @Test
  void reconnectIsTrueExactlyForCloseCodes4000To4499() {
    assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.reconnect())
        .as(c.name())
        .isEqualTo(c.closeCode() >= 4000 && c.closeCode() <= 4499));
    assertThat(ErrorCode.SLOW_CONSUMER.reconnect()).isTrue();
    assertThat(ErrorCode.SHUTTING_DOWN.reconnect()).isTrue();
    assertThat(ErrorCode.INVALID_TOKEN.reconnect()).isFalse();
    assertThat(ErrorCode.TOKEN_EXPIRED.reconnect()).isFalse();
    assertThat(ErrorCode.CONNECT_TIMEOUT.reconnect()).isFalse();
    assertThat(ErrorCode.FRAME_TOO_LARGE.reconnect()).isFalse();
    assertThat(ErrorCode.BAD_FRAME.reconnect()).isFalse();
  }

  @Test
  void authFailuresUseTerminalCloseCodes() {
    assertThat(ErrorCode.INVALID_TOKEN.closeCode()).isEqualTo(4501);
    assertThat(ErrorCode.TOKEN_EXPIRED.closeCode()).isEqualTo(4502);
    assertThat(ErrorCode.CONNECT_TIMEOUT.closeCode()).isEqualTo(4503);
  }

  @Test
  void everyCodeExplainsItself() {
    assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.meaning()).as(c.name()).isNotBlank());
  }
}
