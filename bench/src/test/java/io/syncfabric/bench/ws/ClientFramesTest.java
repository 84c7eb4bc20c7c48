package io.syncfabric.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientFramesTest {
  @Test
  void masksThePayloadWithTheKeyInTheHeader() {
    for (int size : new int[] {0, 5, 125, 126, 300, 65_535, 65_536, 70_000}) {
      String text = "a".repeat(size);
      byte[] frame = ClientFrames.text(text);
      int header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;

      assertThat(frame[0] & 0xFF).isEqualTo(0x81);
      assertThat(frame[1] & 0x80).as("mask bit").isEqualTo(0x80);
      assertThat(frame).hasSize(header + 4 + size);
      byte[] unmasked = new byte[size];
      for (int i = 0; i < size; i++) {
        unmasked[i] = (byte) (frame[header + 4 + i] ^ frame[header + (i & 3)]);
      }
      assertThat(new String(unmasked, StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  @Test
  void upgradeRequestAsksForWebSocketVersion13() {
    String request = new String(ClientFrames.upgradeRequest("127.0.0.1:8080", "/v1/ws"), StandardCharsets.US_ASCII);

    assertThat(request).startsWith("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
        .contains("Upgrade: websocket\r\n", "Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n")
        .containsPattern("Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\n");
  }
}
