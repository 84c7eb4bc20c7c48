package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The mirror's meters as Prometheus shows them, and the Grafana panels of compose/ that query them. */
class MirrorMetricsTest {
  private static final Pattern MIRROR_NAME = Pattern.compile("\\b(fabric_mirror_[a-z_]+)");

  private static Set<String> exposedNames(PrometheusMeterRegistry registry) {
    Set<String> names = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        names.add(line.replaceAll("[{ ].*", ""));
      }
    }
    return names;
  }

  @Test
  void everyFlowHasItsMetersAndARestartIsCounted() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<MirrorFlow> flows = List.of(new MirrorFlow("a", "b"), new MirrorFlow("b", "a"));
    MirrorMetrics metrics = new MirrorMetrics(registry, flows, new FlowHealth(flows, Duration.ofSeconds(15), Clock.systemUTC()));
    metrics.restarted();

    String text = registry.scrape();
    assertThat(text).contains("fabric_mirror_records_total{source=\"a\",target=\"b\"}")
        .contains("fabric_mirror_flow_up{source=\"b\",target=\"a\"} 0")
        .contains("fabric_mirror_restarts_total 1.0");
  }

  @Test
  void everyMirrorMetricTheGrafanaDashboardQueriesExists() throws Exception {
    String dashboard = Files.readString(Path.of("..", "compose", "grafana", "provisioning", "dashboards", "syncfabric.json"));
    Set<String> queried = new TreeSet<>();
    Matcher m = MIRROR_NAME.matcher(dashboard);
    while (m.find()) {
      queried.add(m.group(1));
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<MirrorFlow> flows = List.of(new MirrorFlow("a", "b"));
    new MirrorMetrics(registry, flows, new FlowHealth(flows, Duration.ofSeconds(15), Clock.systemUTC()));

    assertThat(queried).as("mirror panels in the dashboard").isNotEmpty();
    assertThat(exposedNames(registry)).containsAll(queried);
  }
}
