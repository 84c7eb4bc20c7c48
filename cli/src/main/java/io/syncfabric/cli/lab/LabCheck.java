package io.syncfabric.cli.lab;

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

/** {@code ./fabric lab --check}: one message through Kafka must reach a client on every frontend. */
public final class LabCheck {
  private LabCheck() {}

  public static boolean run(Lab lab, PrintStream out) {
    String channel = "lab:check";
    String token = new TokenMinter(LabDefaults.JWT_SECRET, Clock.systemUTC()).mint("lab-check", List.of(channel), Duration.ofMinutes(5));
    List<FabricClient> clients = new ArrayList<>();
    List<CompletableFuture<JsonNode>> received = new ArrayList<>();
    try (Publisher publisher = Publisher.builder().bootstrapServers(lab.kafkaBootstrap()).build()) {
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
}
