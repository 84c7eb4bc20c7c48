package io.syncfabric.cli.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.cli.LabDefaults;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.auth.TokenMinter;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./fabric lab --check}: every frontend's discovery lists the whole pool, and one message
 * through Kafka reaches a client on every frontend.
 */
public final class LabCheck {
  private LabCheck() {}

  public static boolean run(Lab lab, PrintStream out) {
    String channel = "lab:check";
    String token = new TokenMinter(LabDefaults.JWT_SECRET, Clock.systemUTC()).mint("lab-check", List.of(channel), Duration.ofMinutes(5));
    List<FabricClient> clients = new ArrayList<>();
    List<CompletableFuture<JsonNode>> received = new ArrayList<>();
    try (Publisher publisher = Publisher.builder().bootstrapServers(lab.kafkaBootstrap()).build()) {
      awaitPool(lab, out);
      for (FrontendServer f : lab.frontends()) {
        CompletableFuture<JsonNode> got = new CompletableFuture<>();
        received.add(got);
        FabricClient c = FabricClient.connect(URI.create(f.publicUrl()), token, new FabricListener() {
          @Override
          public void onMessage(FabricMessage m) {
            got.complete(m.data());
          }
        }).get(10, TimeUnit.SECONDS);
        clients.add(c);
        c.subscribe(channel).get(10, TimeUnit.SECONDS);
      }
      publisher.publishJson(channel, "{\"check\":true}").get(10, TimeUnit.SECONDS);
      for (int i = 0; i < received.size(); i++) {
        JsonNode data = received.get(i).get(20, TimeUnit.SECONDS);
        out.println("  " + lab.frontends().get(i).nodeId() + " delivered " + data);
      }
      out.println("lab check passed");
      return true;
    } catch (Exception e) {
      out.println("lab check FAILED: " + e);
      return false;
    } finally {
      clients.forEach(FabricClient::close);
    }
  }

  /** Waits (bounded) until every frontend's discovery lists every frontend of the lab. */
  private static void awaitPool(Lab lab, PrintStream out) throws Exception {
    Set<String> all = new TreeSet<>();
    lab.frontends().forEach(f -> all.add(f.nodeId()));
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (FrontendServer f : lab.frontends()) {
      Set<String> listed = new TreeSet<>();
      while (!listed.equals(all)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(f.nodeId() + " discovery lists " + listed + ", expected " + all);
        }
        Thread.sleep(listed.isEmpty() ? 0 : 200);
        listed.clear();
        String body = http.send(HttpRequest.newBuilder(URI.create(f.publicHttpUrl() + "/v1/discovery")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        json.readTree(body).path("frontends").forEach(n -> listed.add(n.path("node").asText()));
      }
      out.println("  " + f.nodeId() + " discovery lists " + listed);
    }
  }
}
