package io.syncfabric.cli;

import io.syncfabric.cli.lab.Lab;
import io.syncfabric.cli.lab.LabCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./fabric lab}: the whole fabric on this machine, no Docker. */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = "Run Kafka (KRaft), the sequencer and two frontends on 127.0.0.1 until Ctrl-C.")
final class LabCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Where Kafka and the sequencer keep data (default: a new temporary directory).")
  Path dataDir;

  @Option(names = "--kafka-port", defaultValue = "19092", description = "Kafka port. Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Option(names = "--bridge-port", defaultValue = "9400", description = "Sequencer /metrics and /health port. Default: ${DEFAULT-VALUE}.")
  int bridgePort;

  @Option(names = "--frontend-ports", split = ",", defaultValue = "8080,8081", description = "Frontend ports. Default: ${DEFAULT-VALUE}.")
  List<Integer> frontendPorts;

  @Option(names = "--hazelcast-port", defaultValue = "5701", description = "First Hazelcast member port. Default: ${DEFAULT-VALUE}.")
  int hazelcastPort;

  @Option(names = "--check", description = "Start, publish through Kafka, check every frontend delivers, stop. Exit 0 when it works.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("syncfabric-lab-");
    Lab lab = new Lab(new Lab.Options(dir, "a", kafkaPort, kafkaPort + 1, bridgePort, frontendPorts, hazelcastPort));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      System.out.println("\nstopping the lab...");
      lab.close();
      stopped.countDown();
    }, "lab-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long started = System.nanoTime();
    System.out.println("starting the lab (Kafka, sequencer, " + frontendPorts.size() + " frontends)...");
    lab.start(Duration.ofSeconds(90));
    System.out.print(lab.describe());
    System.out.printf("ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    if (check) {
      boolean ok = LabCheck.run(lab, System.out);
      Runtime.getRuntime().removeShutdownHook(hook);
      lab.close();
      return ok ? 0 : 1;
    }
    String token = TokenCommand.mint(null, "dev", List.of("*"), 86_400);
    System.out.println();
    System.out.println("dev token (sub=dev, channels=*, 24 h):");
    System.out.println("  " + token);
    System.out.println("API key for POST /v1/publish and /admin/*: " + LabDefaults.API_KEY);
    System.out.println();
    System.out.println("live dashboard (the token rides in the URL fragment, never sent to the server):");
    System.out.println("  " + lab.frontends().get(0).publicHttpUrl() + "/#token=" + token);
    System.out.println();
    System.out.println("try, in another terminal:");
    System.out.println("  ./fabric subscribe chat:lobby");
    System.out.println("  ./fabric publish chat:lobby '{\"text\":\"hello\"}'");
    System.out.println("Ctrl-C stops everything.");
    Waiting.forever(stopped);
    return 0;
  }
}
