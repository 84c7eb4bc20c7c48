package io.syncfabric.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {
  @Test
  void addressesAreDistinctLoopbackAndAvoid127001() {
    SourceAddresses s = new SourceAddresses(600);
    Set<InetAddress> seen = new HashSet<>();
    for (int i = 0; i < 600; i++) {
      InetAddress a = s.forConnection(i, 1);
      assertThat(a.isLoopbackAddress()).isTrue();
      assertThat(a.getHostAddress()).isNotEqualTo("127.0.0.1");
      seen.add(a);
    }
    assertThat(seen).hasSize(600);
  }

  @Test
  void eachFrontendsShareCyclesThroughEveryAddress() {
    SourceAddresses s = new SourceAddresses(2);
    Map<String, Integer> perFrontendAndAddress = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      perFrontendAndAddress.merge((i % 2) + "@" + s.forConnection(i, 2).getHostAddress(), 1, Integer::sum);
    }
    // connection i goes to frontend i % 2: with 2 frontends and 2 addresses, each pair gets 2
    assertThat(perFrontendAndAddress).hasSize(4).allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    assertThat(SourceAddresses.needed(19_000, 4_000)).isEqualTo(5);
  }
}
