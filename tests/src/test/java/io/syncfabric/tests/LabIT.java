package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.cli.lab.Lab;
import io.syncfabric.cli.lab.LabCheck;
import io.syncfabric.cli.lab.LabDrill;
import io.syncfabric.cli.lab.LabTopology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code ./fabric lab} runs: clouds a and b, each a KRaft broker in a child JVM plus sequencer
 * and two frontends, and MirrorMaker 2 between them; then the drill that takes cloud a down and back.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LabIT {
  @Test
  void theTwoCloudLabDeliversInEveryCloudMirrorsBothWaysAndSurvivesLosingACloud() throws Exception {
    Path dir = Files.createTempDirectory("syncfabric-lab-it-");
    LabTopology topology = LabTopology.of(List.of("a", "b"), freeOffset());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true);
    try (Lab lab = new Lab(topology, dir).start(Duration.ofSeconds(150))) {
      assertThat(lab.describe())
          .contains(topology.site("a").kafkaBootstrap()).contains(topology.site("b").kafkaBootstrap())
          .contains("ws://127.0.0.1:" + topology.site("b").frontendPorts().get(1) + "/v1/ws")
          .contains("flows      [a->b, b->a]");
      assertThat(LabCheck.run(lab, print)).as(out.toString()).isTrue();
      assertThat(out.toString()).contains("cloud b has a's message in a.fabric.events")
          .contains("cloud a has b's message in b.fabric.events");

      new LabDrill(lab, print, Duration.ofSeconds(120)).failFor("a", Duration.ofSeconds(3));
      assertThat(lab.cloud("a").isUp()).isTrue();
      out.reset();
      assertThat(LabCheck.run(lab, print)).as("after cloud a came back: " + out).isTrue();
    }
  }

  /** A port offset whose whole lab range (Kafka, frontends, bridges, Hazelcast, mirror) is free now. */
  private static int freeOffset() throws Exception {
    for (int offset = 1000; offset <= 20000; offset += 1000) {
      LabTopology t = LabTopology.of(List.of("a", "b"), offset);
      if (t.sites().stream().allMatch(LabIT::sitePortsFree) && free(t.mirrorPort())) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port range for the lab");
  }

  private static boolean sitePortsFree(LabTopology.Site s) {
    boolean ok = free(s.kafkaPort()) && free(s.controllerPort()) && free(s.bridgePort());
    for (int i = 0; i < s.frontendPorts().size(); i++) {
      ok &= free(s.frontendPorts().get(i)) && free(s.hazelcastBasePort() + i);
    }
    return ok;
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
