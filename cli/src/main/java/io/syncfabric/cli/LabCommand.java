package io.syncfabric.cli;

import io.syncfabric.cli.lab.Lab;
import io.syncfabric.cli.lab.LabCheck;
import io.syncfabric.cli.lab.LabCloud;
import io.syncfabric.cli.lab.LabConsole;
import io.syncfabric.cli.lab.LabDrill;
import io.syncfabric.cli.lab.LabTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./fabric lab}: the whole multi-cloud fabric on this machine, no Docker. */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = {"Run clouds a and b on 127.0.0.1 until Ctrl-C: per cloud a Kafka broker (KRaft), the sequencer and"
        + " two frontends sharing one Hazelcast cluster; MirrorMaker 2 between every pair of clouds.",
        "While it runs, type: fail <cloud>, restore <cloud>, status, help."})
final class LabCommand implements Callable<Integer> {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  @Option(names = "--data-dir", description = "Where Kafka and the sequencers keep data (default: a new temporary directory).")
  Path dataDir;

  @Option(names = "--clouds", split = ",", defaultValue = "a,b", description = "Clouds to run (1 to 5). Default: ${DEFAULT-VALUE}.")
  List<String> clouds;

  @Option(names = "--port-offset", defaultValue = "0",
      description = "Moves every port (Kafka a 19092, b 29092; frontends a 8080/8081, b 8180/8181; mirror 9390) by this much.")
  int portOffset;

  @Option(names = "--check", description = "Start, check delivery in every cloud and mirroring to every other, stop. Exit 0 when it works.")
  boolean check;

  @Option(names = "--fail-cloud", description = "Drill: once started, take this whole cloud down, then bring it back.")
  String failCloud;

  @Option(names = "--fail-for", defaultValue = "30", description = "Seconds the --fail-cloud cloud stays down. Default: ${DEFAULT-VALUE}.")
  int failForSeconds;

  @Override
  public Integer call() throws Exception {
    LabTopology topology = LabTopology.of(clouds, portOffset);
    if (failCloud != null) {
      topology.site(failCloud); // a typo fails now, not after start
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("syncfabric-lab-");
    Lab lab = new Lab(topology, dir);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      System.out.println("\nstopping the lab...");
      lab.close();
      stopped.countDown();
    }, "lab-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long started = System.nanoTime();
    System.out.println("starting the lab: clouds " + String.join(", ", topology.clouds()) + " (each: Kafka, sequencer, "
        + LabTopology.FRONTENDS_PER_CLOUD + " frontends)" + (topology.sites().size() > 1 ? ", MirrorMaker 2 between them" : "")
        + ", data in " + dir + "...");
    lab.start(START_TIMEOUT);
    System.out.print(lab.describe());
    System.out.printf("ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    LabDrill drill = new LabDrill(lab, System.out, START_TIMEOUT);
    if (check) {
      boolean ok = LabCheck.run(lab, System.out);
      if (ok && failCloud != null) {
        drill.failFor(failCloud, Duration.ofSeconds(failForSeconds));
        ok = LabCheck.run(lab, System.out);
      }
      Runtime.getRuntime().removeShutdownHook(hook);
      lab.close();
      return ok ? 0 : 1;
    }
    printHowToUse(lab);
    Thread console = new Thread(new LabConsole(lab, drill, System.in, System.out), "lab-console");
    console.setDaemon(true);
    console.start();
    if (failCloud != null) {
      Thread drillThread = new Thread(() -> {
        try {
          drill.failFor(failCloud, Duration.ofSeconds(failForSeconds));
        } catch (Exception e) {
          System.out.println("drill failed: " + e.getMessage());
        }
      }, "lab-drill");
      drillThread.setDaemon(true);
      drillThread.start();
    }
    Waiting.forever(stopped);
    return 0;
  }

  private static void printHowToUse(Lab lab) {
    String token = TokenCommand.mint(null, "dev", List.of("*"), 86_400);
    System.out.println();
    System.out.println("dev token (sub=dev, channels=*, 24 h):");
    System.out.println("  " + token);
    System.out.println("API key for POST /v1/publish and /admin/*: " + LabDefaults.API_KEY);
    System.out.println();
    System.out.println("live dashboard of each cloud (the token rides in the URL fragment, never sent to the server):");
    for (LabCloud cloud : lab.clouds()) {
      System.out.println("  " + cloud.cloud() + ": " + cloud.frontends().get(0).publicHttpUrl() + "/#token=" + token);
    }
    System.out.println();
    System.out.println("try, in another terminal:");
    System.out.println("  ./fabric subscribe chat:lobby");
    System.out.println("  ./fabric publish chat:lobby '{\"text\":\"hello\"}'");
    System.out.println("type 'help' here for drills (fail <cloud>, restore <cloud>, status). Ctrl-C stops everything.");
  }
}
