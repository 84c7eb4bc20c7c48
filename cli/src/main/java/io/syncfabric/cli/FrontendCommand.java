package io.syncfabric.cli;

import io.syncfabric.frontend.FrontendConfig;
import io.syncfabric.frontend.FrontendServer;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs one WebSocket frontend until SIGTERM or Ctrl-C, then drains it: clients are told where to
 * reconnect and get {@code drain.timeout.ms} to move before the rest are closed.
 */
@Command(name = "frontend", mixinStandardHelpOptions = true, description = "Run a WebSocket frontend.")
final class FrontendCommand implements Runnable {
  @Mixin
  ConfigOptions config;

  @Override
  public void run() {
    FrontendServer server = new FrontendServer(FrontendConfig.from(config.load(FrontendConfig.definition())));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.drainAndWait();
      server.close();
      stopped.countDown();
    }, "frontend-shutdown"));
    server.start();
    System.out.println("frontend " + server.nodeId() + " serving " + server.publicUrl());
    Waiting.forever(stopped);
  }
}
