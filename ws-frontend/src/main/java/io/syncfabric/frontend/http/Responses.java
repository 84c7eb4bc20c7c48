package io.syncfabric.frontend.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/** Small helpers for JSON HTTP answers. */
final class Responses {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpString API_KEY_HEADER = new HttpString("X-API-Key");
  private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");

  private Responses() {}

  static JsonNode problem(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  /** The API key a server call presents: {@code Authorization: Bearer <key>} or {@code X-API-Key}. */
  static String apiKey(HttpServerExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    return exchange.getRequestHeaders().getFirst(API_KEY_HEADER);
  }

  /** For public, credential-free endpoints that pages of any origin may call (discovery, ping, fabric.js). */
  static void allowAnyOrigin(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(ALLOW_ORIGIN, "*");
  }

  static void json(HttpServerExchange exchange, int status, JsonNode body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(body.toString());
  }
}
