package io.syncfabric.frontend.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.protocol.ClientRequest;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;
import io.syncfabric.frontend.protocol.ServerFrames;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;

/** A client's {@code publish}: checked, size-limited, handed to the ingress topic; answered once Kafka has it. */
final class PublishRequests {
  private PublishRequests() {}

  static void publish(SessionContext ctx, ClientRequest r, ConnectionToken t, Set<String> subscriptions,
      Consumer<byte[]> reply) throws ProtocolException {
    String channel = ChannelAccess.channel(r, t, Action.PUBLISH, subscriptions);
    JsonNode data = r.requiredValue("data");
    byte[] payload = data.toString().getBytes(StandardCharsets.UTF_8);
    if (payload.length > ctx.limits().maxPublishBytes()) {
      throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE,
          payload.length + " bytes > " + ctx.limits().maxPublishBytes());
    }
    JsonNode requestId = r.id();
    ctx.publisher().publish(channel, payload, "application/json").whenComplete((meta, error) -> {
      if (error == null) {
        ctx.metrics().publishAccepted();
        reply.accept(ServerFrames.published(requestId, channel));
      } else {
        ctx.metrics().publishFailed();
        ctx.metrics().error(ErrorCode.PUBLISH_FAILED);
        reply.accept(ServerFrames.error(requestId, ErrorCode.PUBLISH_FAILED, "publish failed: " + error.getClass().getSimpleName()));
      }
    });
  }
}
