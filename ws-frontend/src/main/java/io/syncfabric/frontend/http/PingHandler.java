package io.syncfabric.frontend.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/** {@code GET /v1/ping}: the cheapest answer there is, for clients measuring RTT to each frontend. */
public final class PingHandler implements HttpHandler {
  private static final HttpString NODE = new HttpString("X-Fabric-Node");

  private final String node;

  public PingHandler(String node) {
    this.node = node;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.allowAnyOrigin(exchange);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(NODE, node);
    exchange.setStatusCode(StatusCodes.NO_CONTENT);
    exchange.endExchange();
  }
}
