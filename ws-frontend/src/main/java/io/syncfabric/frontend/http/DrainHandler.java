package io.syncfabric.frontend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** {@code POST /admin/drain} (behind {@link ApiKeyPost}): starts draining this frontend and answers at once. */
public final class DrainHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the handler asks of the frontend: start draining, say whether this call started it. */
  public interface Drainable {
    boolean startDrain();
  }

  private final Drainable frontend;

  public DrainHandler(Drainable frontend) {
    this.frontend = frontend;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    boolean started = frontend.startDrain();
    Responses.json(exchange, StatusCodes.ACCEPTED, JSON.createObjectNode().put("draining", true)
        .put("started", started));
  }
}
