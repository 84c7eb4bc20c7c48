package io.syncfabric.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.BridgeConfig;
import io.syncfabric.bridge.sequencer.Sequencer;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the sequencer (ingress and routes to the events topic) until SIGTERM or Ctrl-C. */
@Command(name = "bridge", mixinStandardHelpOptions = true, description = "Run the broker bridge (sequencer).")
final class BridgeCommand implements Runnable {
  @Mixin
  ConfigOptions config;

  @Override
  public void run() {
    BridgeConfig bridge = BridgeConfig.from(config.load(BridgeConfig.definition()));
    Sequencer sequencer = new Sequencer(bridge, new SimpleMeterRegistry());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sequencer.close();
      stopped.countDown();
    }, "bridge-shutdown"));
    sequencer.start();
    System.out.println("sequencer " + bridge.applicationId() + ": " + bridge.ingressTopic() + " -> " + bridge.eventsTopic());
    Waiting.forever(stopped);
  }
}
