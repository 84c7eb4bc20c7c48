package io.syncfabric.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapProbeTest {
  @Test
  void sumsTheHeapPoolsOfAPrometheusScrape() {
    String scrape = """
        # HELP jvm_memory_used_bytes The amount of used memory
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap",cloud="a",id="G1 Eden Space",node="a-8080"} 1.2E7
        jvm_memory_used_bytes{area="heap",cloud="a",id="G1 Old Gen",node="a-8080"} 3.0E7
        jvm_memory_used_bytes{area="nonheap",cloud="a",id="Metaspace",node="a-8080"} 9.9E7
        jvm_memory_max_bytes{area="heap",cloud="a",id="G1 Old Gen",node="a-8080"} 1.0E9
        """;

    assertThat(HeapProbe.usedHeap(scrape)).isEqualTo(42_000_000L);
    assertThat(HeapProbe.usedHeap("fabric_connections_open 3.0\n")).isEqualTo(-1);
  }
}
