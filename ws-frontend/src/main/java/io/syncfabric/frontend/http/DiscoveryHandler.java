package io.syncfabric.frontend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncfabric.frontend.membership.Membership;
import io.syncfabric.frontend.pool.DiscoveryRanking;
import io.syncfabric.frontend.pool.LiveMember;
import io.syncfabric.frontend.pool.Pool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Deque;

/**
 * {@code GET /v1/discovery[?region=r&session=id]}: every cloud's serving frontends, ours heard from
 * within the pool TTL and ranked for the caller, then the other clouds' announced within the members
 * TTL; {@code clouds} tells how fresh each other cloud's replication is. Public and cross-origin: a
 * page of any site may ask.
 */
public final class DiscoveryHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pool pool;
  private final Membership members;
  private final String cloud;
  private final String node;
  private final String region;

  public DiscoveryHandler(Pool pool, Membership members, String cloud, String node, String region) {
    this.pool = pool;
    this.members = members;
    this.cloud = cloud;
    this.node = node;
    this.region = region;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String callerRegion = param(exchange, "region");
    String sticky = DiscoveryRanking.nodeOfSession(param(exchange, "session"));
    ObjectNode body = JSON.createObjectNode().put("cloud", cloud).put("node", node).put("ttlMs", pool.ttlMs())
        .put("membersTtlMs", members.ttlMs());
    ArrayNode list = body.putArray("frontends");
    for (LiveMember l : DiscoveryRanking.rankAcrossClouds(pool.live(), members.remote(),
        callerRegion == null ? region : callerRegion, sticky)) {
      list.add(l.member().toDiscoveryJson(l.heartbeatAgeMs()));
    }
    body.set("clouds", members.cloudsJson());
    Responses.allowAnyOrigin(exchange);
    Responses.json(exchange, StatusCodes.OK, body);
  }

  private static String param(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    String v = values == null ? null : values.peekFirst();
    return v == null || v.isBlank() || v.length() > 200 ? null : v;
  }
}
