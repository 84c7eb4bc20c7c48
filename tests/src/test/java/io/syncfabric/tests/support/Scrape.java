package io.syncfabric.tests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads one sample from a frontend's Prometheus {@code /metrics} text. */
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
}
