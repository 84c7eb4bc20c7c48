package io.syncfabric.cli.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which ports each cloud of the lab uses. Cloud number i (0, 1, 2, ...) is shifted by i × 10,000 on
 * Kafka (a 19092, b 29092, c 39092) and by i × 100 on HTTP ports (frontends a 8080/8081, b
 * 8180/8181), so every cloud's address says which cloud it is. compose/ uses the same numbers
 * (checked by a test), and {@code --port-offset} moves the whole set, e.g. for CI.
 */
public record LabTopology(List<Site> sites, int mirrorPort) {
  public static final List<String> DEFAULT_CLOUDS = List.of("a", "b");
  public static final int FRONTENDS_PER_CLOUD = 2;
  private static final Pattern CLOUD_NAME = Pattern.compile("[a-z][a-z0-9-]{0,15}");
  private static final int MAX_CLOUDS = 5;

  /** One cloud's ports. */
  public record Site(String cloud, int kafkaPort, int controllerPort, int bridgePort,
      List<Integer> frontendPorts, int hazelcastBasePort) {

    public String kafkaBootstrap() {
      return "127.0.0.1:" + kafkaPort;
    }
  }

  public LabTopology {
    sites = List.copyOf(sites);
  }

  /** The default lab: clouds a and b. */
  public static LabTopology defaults() {
    return of(DEFAULT_CLOUDS, 0);
  }

  /** The lab for {@code clouds} (1 to 5 names), every port moved by {@code portOffset}. */
  public static LabTopology of(List<String> clouds, int portOffset) {
    if (clouds.isEmpty() || clouds.size() > MAX_CLOUDS) {
      throw new IllegalArgumentException("the lab runs 1 to " + MAX_CLOUDS + " clouds, not " + clouds.size());
    }
    if (clouds.stream().distinct().count() != clouds.size()) {
      throw new IllegalArgumentException("cloud names must differ: " + clouds);
    }
    if (portOffset < -5000 || portOffset > 20000) {
      throw new IllegalArgumentException("--port-offset must be between -5000 and 20000");
    }
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < clouds.size(); i++) {
      String cloud = clouds.get(i);
      if (!CLOUD_NAME.matcher(cloud).matches()) {
        throw new IllegalArgumentException("cloud name '" + cloud + "': lower-case letters, digits and '-', 1-16 characters, starting with a letter");
      }
      int kafka = 19092 + 10_000 * i + portOffset;
      List<Integer> frontends = new ArrayList<>();
      for (int f = 0; f < FRONTENDS_PER_CLOUD; f++) {
        frontends.add(8080 + 100 * i + f + portOffset);
      }
      sites.add(new Site(cloud, kafka, kafka + 1, 9400 + 100 * i + portOffset, frontends,
          5701 + 100 * i + portOffset));
    }
    return new LabTopology(sites, 9390 + portOffset);
  }

  public Site site(String cloud) {
    return sites.stream().filter(s -> s.cloud().equals(cloud)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cloud '" + cloud + "' in this lab"));
  }

  public List<String> clouds() {
    return sites.stream().map(Site::cloud).toList();
  }
}
