package io.syncfabric.frontend.http;

import io.syncfabric.frontend.auth.ChannelPatterns;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.List;

/**
 * The WebSocket upgrade's {@code Origin} allow-list ({@code ws.allowed.origins}, {@code *} globs):
 * a page of another site cannot open a connection in its visitor's browser (cross-site WebSocket
 * hijacking). Requests without an Origin (servers, CLIs) are not browsers and pass. An empty list
 * allows every origin: tokens travel in the protocol, not in cookies, so nothing is ambient.
 */
public final class OriginCheck implements HttpHandler {
  private final ChannelPatterns allowed;
  private final boolean enabled;
  private final FrontendMetrics metrics;
  private final HttpHandler next;

  public OriginCheck(List<String> allowed, FrontendMetrics metrics, HttpHandler next) {
    this.allowed = new ChannelPatterns(allowed);
    this.enabled = !allowed.isEmpty();
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (enabled && origin != null && !allowed.allows(origin)) {
      metrics.httpRejected("origin");
      Responses.json(exchange, StatusCodes.FORBIDDEN, Responses.problem("origin " + origin + " is not allowed"));
      return;
    }
    next.handleRequest(exchange);
  }
}
