package io.syncfabric.tests.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

/** Reads a frontend's Prometheus {@code /metrics} text: samples, sums, names. */
public final class Scrape {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Scrape() {}

  public static String metrics(int port) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /**
   * The value of {@code name} on the line that also carries {@code label="value"} (or any line of
   * that name when {@code label} is null); 0 when absent.
   */
  public static double value(String text, String name, String label, String value) {
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      if (label != null && !line.contains(label + "=\"" + value + "\"")) {
        continue;
      }
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return 0;
  }

  /**
   * Names of the samples in a Prometheus text exposition, exactly as written: a counter appears as
   * {@code x_total}, a histogram as {@code x_bucket}/{@code x_count}/{@code x_sum}, a summary as
   * {@code x} (quantiles), {@code x_count} and {@code x_sum}. Comparing exact names checks suffixes too.
   */
  public static Set<String> sampleNames(String exposition) {
    Set<String> names = new HashSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
    }
    return names;
  }

  /**
   * The bridge's registry in tests is a SimpleMeterRegistry; the bridge process exposes its meters
   * through a PrometheusMeterRegistry. Re-registering each meter's name, tags and type there gives
   * the exact names Prometheus sees, with Micrometer's own naming rules rather than ours.
   */
  public static String asPrometheus(MeterRegistry source) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (Meter meter : source.getMeters()) {
      Meter.Id id = meter.getId();
      switch (id.getType()) {
        case COUNTER -> Counter.builder(id.getName()).tags(id.getTags()).baseUnit(id.getBaseUnit()).register(prometheus);
        case TIMER -> Timer.builder(id.getName()).tags(id.getTags()).register(prometheus);
        default -> {
          if (meter instanceof FunctionCounter) {
            Counter.builder(id.getName()).tags(id.getTags()).baseUnit(id.getBaseUnit()).register(prometheus);
          } else {
            Gauge.builder(id.getName(), () -> 0).tags(id.getTags()).baseUnit(id.getBaseUnit()).register(prometheus);
          }
        }
      }
    }
    String text = prometheus.scrape();
    prometheus.close();
    return text;
  }

  public static double grew(String before, String after, String name) {
    return sum(after, name) - sum(before, name);
  }

  /** Sum of every sample of {@code name} over all label sets; 0 when absent. */
  public static double sum(String exposition, String name) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
