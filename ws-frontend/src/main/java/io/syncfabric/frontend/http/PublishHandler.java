package io.syncfabric.frontend.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.publish.IngressPublisher;
import io.syncfabric.schema.ChannelName;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/publish} (behind {@link ApiKeyPost}) with a body {@code {"channel": "...", "data": <any JSON>}}. Answers 202 with the Kafka position once the
 * ingress topic has the record.
 */
public final class PublishHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IngressPublisher publisher;
  private final FrontendMetrics metrics;
  private final int maxBodyBytes;

  public PublishHandler(IngressPublisher publisher, FrontendMetrics metrics, int maxBodyBytes) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.getRequestContentLength() > maxBodyBytes) {
      metrics.httpRejected("too-large");
      Responses.json(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, Responses.problem("body larger than " + maxBodyBytes + " bytes"));
      return;
    }
    exchange.getRequestReceiver().receiveFullBytes((ex, body) -> publish(ex, body),
        (ex, error) -> Responses.json(ex, StatusCodes.BAD_REQUEST, Responses.problem("cannot read body")));
  }

  private void publish(HttpServerExchange exchange, byte[] body) {
    if (body.length > maxBodyBytes) {
      metrics.httpRejected("too-large");
      Responses.json(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, Responses.problem("body larger than " + maxBodyBytes + " bytes"));
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (Exception e) {
      metrics.httpRejected("bad-json");
      Responses.json(exchange, StatusCodes.BAD_REQUEST, Responses.problem("body is not valid JSON"));
      return;
    }
    JsonNode channel = request == null ? null : request.get("channel");
    JsonNode data = request == null ? null : request.get("data");
    if (channel == null || !channel.isTextual() || !ChannelName.isValid(channel.textValue()) || data == null) {
      metrics.httpRejected("bad-request");
      Responses.json(exchange, StatusCodes.BAD_REQUEST,
          Responses.problem("body must be {\"channel\": <valid channel name>, \"data\": <JSON>}"));
      return;
    }
    byte[] payload = data.toString().getBytes(StandardCharsets.UTF_8);
    exchange.dispatch(); // the answer comes from the producer's callback thread
    publisher.publish(channel.textValue(), payload, "application/json").whenComplete((meta, error) -> {
      if (error != null) {
        metrics.publishFailed();
        Responses.json(exchange, StatusCodes.SERVICE_UNAVAILABLE, Responses.problem("Kafka did not accept the message: " + error.getClass().getSimpleName()));
      } else {
        metrics.publishAccepted();
        Responses.json(exchange, StatusCodes.ACCEPTED, JSON.createObjectNode()
            .put("channel", channel.textValue())
            .put("partition", meta.partition())
            .put("offset", meta.offset()));
      }
    });
  }
}
