package io.syncfabric.cli;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.http.BridgeHttpServer;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.bridge.mirror.MirrorRunner;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs Kafka's MirrorMaker 2 between every pair of the configured clouds until SIGTERM or Ctrl-C. */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = "Run MirrorMaker 2 between the clouds of mirror.clusters, every pair both ways.")
final class MirrorCommand implements Runnable {
  @Mixin
  ConfigOptions config;

  @Override
  public void run() {
    MirrorConfig mirror = MirrorConfig.from(config.load(MirrorConfig.definition()));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("cloud", mirror.cloud(), "node", "mirror-" + mirror.cloud());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    MirrorRunner runner = new MirrorRunner(mirror, registry);
    BridgeHttpServer http = new BridgeHttpServer(mirror.httpHost(), mirror.httpPort(), registry, runner);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      http.close();
      runner.close();
      stopped.countDown();
    }, "mirror-shutdown"));
    runner.start();
    http.start();
    System.out.println("mirror metrics and health on http://" + mirror.httpHost() + ":" + http.port() + "/metrics");
    System.out.println("flows " + mirror.flows() + ", topics " + mirror.topics() + ", compression " + mirror.compression());
    Waiting.forever(stopped);
  }
}
