package io.syncfabric.frontend.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * {@code GET /fabric.js}: the JavaScript client, read once from the jar. Cross-origin, so pages of
 * any site can import it as a module.
 */
public final class ClientScriptHandler implements HttpHandler {
  public static final String RESOURCE = "/static/fabric.js";

  private final byte[] script;

  public ClientScriptHandler() {
    try (InputStream in = ClientScriptHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the frontend jar");
      }
      script = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.allowAnyOrigin(exchange);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/javascript; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    exchange.setStatusCode(StatusCodes.OK);
    exchange.getResponseSender().send(ByteBuffer.wrap(script));
  }
}
