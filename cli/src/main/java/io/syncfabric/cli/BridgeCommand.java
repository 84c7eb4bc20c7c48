package io.syncfabric.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.http.BridgeHttpServer;
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
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("cloud", bridge.cloud(), "node", bridge.applicationId());
    new JvmMemoryMetrics().bindTo(registry); // the bridge is its own JVM: its heap and GC are worth a panel
    new JvmGcMetrics().bindTo(registry);
    Sequencer sequencer = new Sequencer(bridge, registry);
    BridgeHttpServer http = new BridgeHttpServer(bridge.httpHost(), bridge.httpPort(), registry, sequencer);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      http.close();
      sequencer.close();
      stopped.countDown();
    }, "bridge-shutdown"));
    sequencer.start();
    http.start();
    System.out.println("bridge metrics and health on http://" + bridge.httpHost() + ":" + http.port() + "/metrics");
    System.out.println("sequencer " + bridge.applicationId() + ": " + bridge.ingressTopic() + " -> " + bridge.eventsTopic());
    Waiting.forever(stopped);
  }
}
