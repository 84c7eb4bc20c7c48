package io.syncfabric.frontend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.util.StatusCodes;
import java.util.function.Supplier;

/** {@code /health/live} (the process answers) and {@code /health/ready} (it can serve clients). */
public final class HealthHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Readiness facts: checks that must hold, and details shown alongside. */
  public record Readiness(boolean ready, ObjectNode details) {}

  private HealthHandlers() {}

  public static HttpHandler live() {
    return exchange -> Responses.json(exchange, StatusCodes.OK, JSON.createObjectNode().put("status", "live"));
  }

  public static HttpHandler ready(Supplier<Readiness> readiness) {
    return exchange -> {
      Readiness r = readiness.get();
      ObjectNode body = JSON.createObjectNode().put("status", r.ready() ? "ready" : "not-ready");
      body.set("details", r.details());
      Responses.json(exchange, r.ready() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, body);
    };
  }

  public static ObjectNode details() {
    return JSON.createObjectNode();
  }
}
