package io.syncfabric.cli.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.cli.LabDefaults;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.auth.TokenMinter;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./fabric lab --check}: in every cloud, every frontend's discovery lists its cloud's pool;
 * one message published through each cloud's Kafka reaches a client on every frontend of every
 * cloud with the same identity (origin, epoch, seq), and its mirrored copy is on every other cloud's
 * Kafka ({@code <cloud>.fabric.events}).
 */
public final class LabCheck {
  private final Lab lab;
  private final PrintStream out;
  private final String nonce = UUID.randomUUID().toString().substring(0, 8);

  private LabCheck(Lab lab, PrintStream out) {
    this.lab = lab;
    this.out = out;
  }

  public static boolean run(Lab lab, PrintStream out) {
    return new LabCheck(lab, out).run();
  }

  private boolean run() {
    try {
      for (LabCloud cloud : lab.clouds()) {
        awaitPool(cloud);
      }
      for (LabCloud cloud : lab.clouds()) {
        deliveredEverywhere(cloud);
      }
      for (LabCloud origin : lab.clouds()) {
        for (LabCloud other : lab.clouds()) {
          if (other != origin) {
            mirroredTo(origin, other);
          }
        }
      }
      out.println("lab check passed");
      return true;
    } catch (Exception e) {
      out.println("lab check FAILED: " + e);
      return false;
    }
  }

  /** The channel this check publishes on through {@code cloud}'s Kafka. */
  String channel(LabCloud cloud) {
    return "lab:check-" + cloud.cloud() + "-" + nonce;
  }

  /** A message published through {@code origin}'s Kafka reaches every frontend of every cloud, with one identity. */
  private void deliveredEverywhere(LabCloud origin) throws Exception {
    String channel = channel(origin);
    String token = new TokenMinter(LabDefaults.JWT_SECRET, Clock.systemUTC()).mint("lab-check", List.of("lab:check-*"), Duration.ofMinutes(5));
    List<FrontendServer> everywhere = lab.clouds().stream().flatMap(c -> c.frontends().stream()).toList();
    List<FabricClient> clients = new ArrayList<>();
    List<CompletableFuture<FabricMessage>> received = new ArrayList<>();
    try (Publisher publisher = Publisher.builder().bootstrapServers(origin.kafkaBootstrap()).build()) {
      for (FrontendServer f : everywhere) {
        CompletableFuture<FabricMessage> got = new CompletableFuture<>();
        received.add(got);
        FabricClient c = FabricClient.connect(URI.create(f.publicUrl()), token, new FabricListener() {
          @Override
          public void onMessage(FabricMessage m) {
            got.complete(m);
          }
        }).get(10, TimeUnit.SECONDS);
        clients.add(c);
        c.subscribe(channel).get(10, TimeUnit.SECONDS);
      }
      long started = System.nanoTime();
      publisher.publishJson(channel, "{\"check\":\"" + origin.cloud() + "\"}").get(10, TimeUnit.SECONDS);
      FabricMessage first = null;
      for (int i = 0; i < received.size(); i++) {
        FabricMessage m = received.get(i).get(30, TimeUnit.SECONDS);
        if (!m.origin().equals(origin.cloud()) || first != null && !(m.epoch().equals(first.epoch()) && m.seq() == first.seq())) {
          throw new IllegalStateException(everywhere.get(i).nodeId() + " delivered " + m + ", expected origin "
              + origin.cloud() + (first == null ? "" : " epoch " + first.epoch() + " seq " + first.seq()));
        }
        first = first == null ? m : first;
        out.printf("  %s delivered %s's message %s:%d (%d ms after publish)%n", everywhere.get(i).nodeId(),
            origin.cloud(), m.epoch(), m.seq(), (System.nanoTime() - started) / 1_000_000);
      }
    } finally {
      clients.forEach(FabricClient::close);
    }
  }

  private void mirroredTo(LabCloud origin, LabCloud other) {
    String topic = origin.cloud() + ".fabric.events";
    long started = System.nanoTime();
    if (!MirroredRecords.contains(other.kafkaBootstrap(), topic, channel(origin), Duration.ofSeconds(30))) {
      throw new IllegalStateException("no copy of " + channel(origin) + " in " + topic + " on cloud " + other.cloud()
          + " within 30 s; mirror: " + lab.mirror().detailsJson());
    }
    out.printf("  cloud %s has %s's message in %s (found in %d ms)%n", other.cloud(), origin.cloud(), topic,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Waits (bounded) until every frontend's discovery lists at least every frontend of its cloud. */
  private void awaitPool(LabCloud cloud) throws Exception {
    Set<String> own = new TreeSet<>();
    cloud.frontends().forEach(f -> own.add(f.nodeId()));
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (FrontendServer f : cloud.frontends()) {
      Set<String> listed = new TreeSet<>();
      while (!listed.containsAll(own)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(f.nodeId() + " discovery lists " + listed + ", expected at least " + own);
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
