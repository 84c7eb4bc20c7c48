package io.syncfabric.frontend.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /fabric.js} and its parts, {@code GET /fabric/<part>.js}: the JavaScript client, read
 * once from the jar. Cross-origin, so pages of any site can import it as a module (its imports of
 * ./fabric/*.js resolve to this frontend too). Any other path under /fabric is 404.
 */
public final class ClientScriptHandler implements HttpHandler {
  public static final String RESOURCE = "/static/fabric.js";
  /** The modules under clients/js/fabric/ (ClientScriptHandlerTest keeps this list equal to the folder). */
  public static final List<String> PARTS = List.of("connection", "events", "finder", "policies", "positions",
      "stats-feed", "subscriptions", "timing");
  private static final Map<String, byte[]> SCRIPTS = load();

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    byte[] script = SCRIPTS.get(exchange.getRequestPath());
    if (script == null) {
      exchange.setStatusCode(StatusCodes.NOT_FOUND).endExchange();
      return;
    }
    Responses.allowAnyOrigin(exchange);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/javascript; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    exchange.setStatusCode(StatusCodes.OK);
    exchange.getResponseSender().send(ByteBuffer.wrap(script));
  }

  /** Request path → file, for every file of the client. */
  private static Map<String, byte[]> load() {
    Map<String, byte[]> scripts = new LinkedHashMap<>();
    scripts.put("/fabric.js", read(RESOURCE));
    for (String part : PARTS) {
      scripts.put("/fabric/" + part + ".js", read("/static/fabric/" + part + ".js"));
    }
    return Map.copyOf(scripts);
  }

  private static byte[] read(String resource) {
    try (InputStream in = ClientScriptHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the frontend jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
