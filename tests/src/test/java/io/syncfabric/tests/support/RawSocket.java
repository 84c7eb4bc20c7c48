package io.syncfabric.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket for sending arbitrary (also malformed) frames and reading raw replies. With
 * {@code reading=false} it stops reading after the handshake, like a client that stalls.
 */
public final class RawSocket implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket ws;

  private RawSocket(String url, boolean reading) throws Exception {
    ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(url), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public void onOpen(WebSocket webSocket) {
            if (reading) {
              webSocket.request(1);
            }
          }

          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              frames.add(partial.toString());
              partial.setLength(0);
            }
            webSocket.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
          }
        }).get(10, TimeUnit.SECONDS);
  }

  public static RawSocket open(String url) throws Exception {
    return new RawSocket(url, true);
  }

  /** A socket that never reads what the server sends. */
  public static RawSocket stalled(String url) throws Exception {
    return new RawSocket(url, false);
  }

  public void send(String text) {
    ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /**
   * Sends unless the server has already closed the connection: then it returns false. A flood
   * races the server's close, and java.net.http answers a close by closing its own output.
   */
  public boolean offer(String text) {
    if (closeCode.isDone()) {
      return false; // RFC 6455: no data frames after the peer's close
    }
    try {
      send(text);
      return true;
    } catch (java.util.concurrent.CompletionException e) {
      if (closeCode.isDone() || ws.isOutputClosed()) {
        return false;
      }
      throw e;
    }
  }

  public void sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Next frame from the server, parsed; fails after 10 s. */
  public JsonNode next() throws Exception {
    String text = frames.poll(10, TimeUnit.SECONDS);
    if (text == null) {
      throw new AssertionError("no frame from the server within 10 s");
    }
    return JSON.readTree(text);
  }

  /** The close code the server sent (1006 if the connection dropped), waiting up to 10 s. */
  public int awaitClose() throws Exception {
    return closeCode.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    ws.abort();
  }
}
