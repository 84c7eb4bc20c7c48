package io.syncfabric.frontend.http;

import io.syncfabric.frontend.auth.ReloadingApiKeys;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * Guards a server-side endpoint ({@code /v1/publish}, {@code /admin/*}): only POST, only with an API
 * key ({@code Authorization: Bearer <key>} or {@code X-API-Key}); refusals are answered and counted.
 */
public final class ApiKeyPost implements HttpHandler {
  private final ReloadingApiKeys keys;
  private final FrontendMetrics metrics;
  private final HttpHandler next;

  public ApiKeyPost(ReloadingApiKeys keys, FrontendMetrics metrics, HttpHandler next) {
    this.keys = keys;
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      Responses.json(exchange, StatusCodes.METHOD_NOT_ALLOWED, Responses.problem("use POST"));
      return;
    }
    if (!keys.accepts(Responses.apiKey(exchange))) {
      metrics.httpRejected("unauthorized");
      Responses.json(exchange, StatusCodes.UNAUTHORIZED, Responses.problem(
          keys.isEmpty() ? "no API keys are configured (api.keys)" : "missing or wrong API key"));
      return;
    }
    next.handleRequest(exchange);
  }
}
