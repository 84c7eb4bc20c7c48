package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.cli.lab.Lab;
import io.syncfabric.cli.lab.LabCheck;
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

/** What {@code ./fabric lab} runs: a KRaft broker in a child JVM plus sequencer and frontends. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LabIT {
  @Test
  void theLabStartsABrokerProcessAndDeliversThroughEveryFrontend() throws Exception {
    Path dir = Files.createTempDirectory("syncfabric-lab-it-");
    int kafka = freePort();
    int controller = freePort();
    List<Integer> frontends = List.of(freePort(), freePort());
    try (Lab lab = new Lab(new Lab.Options(dir, "a", kafka, controller, freePort(), frontends, freePort())).start(Duration.ofSeconds(90))) {
      assertThat(lab.describe()).contains("127.0.0.1:" + kafka).contains("ws://127.0.0.1:" + frontends.get(1) + "/v1/ws");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean ok = LabCheck.run(lab, new PrintStream(out, true));
      assertThat(ok).as(out.toString()).isTrue();
      assertThat(out.toString()).contains("lab check passed");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
