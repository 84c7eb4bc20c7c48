package io.syncfabric.frontend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.frontend.auth.ApiKeys;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/** {@code POST /admin/drain} (API key): starts draining this frontend and answers at once. */
public final class DrainHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the handler asks of the frontend: start draining, say whether this call started it. */
  public interface Drainable {
    boolean startDrain();
  }

  private final ApiKeys keys;
  private final Drainable frontend;
  private final FrontendMetrics metrics;

  public DrainHandler(ApiKeys keys, Drainable frontend, FrontendMetrics metrics) {
    this.keys = keys;
    this.frontend = frontend;
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, "POST");
      Responses.json(exchange, StatusCodes.METHOD_NOT_ALLOWED, Responses.problem("use POST"));
      return;
    }
    if (!keys.accepts(Responses.apiKey(exchange))) {
      metrics.httpRejected("unauthorized");
      Responses.json(exchange, StatusCodes.UNAUTHORIZED, Responses.problem(
          keys.isEmpty() ? "no API keys are configured (api.keys)" : "missing or wrong API key"));
      return;
    }
    boolean started = frontend.startDrain();
    Responses.json(exchange, StatusCodes.ACCEPTED, JSON.createObjectNode().put("draining", true)
        .put("started", started));
  }
}
