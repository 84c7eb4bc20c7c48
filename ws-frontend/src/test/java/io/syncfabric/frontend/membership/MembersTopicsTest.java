package io.syncfabric.frontend.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembersTopicsTest {
  @Test
  void findsEveryOtherCloudsMirroredCopyOnly() {
    MembersTopics topics = new MembersTopics("fabric.members", "a");
    assertThat(topics.mirroredIn(List.of("fabric.members", "b.fabric.members", "c-2.fabric.members",
        "a.fabric.members", "b.fabric.events", "c.b.fabric.members", "Bx.fabric.members", "b.fabric.membersx",
        "bXfabric.members", "mm2-offsets.b.internal")))
        .isEqualTo(Map.of("b.fabric.members", "b", "c-2.fabric.members", "c-2"));
  }

  @Test
  void theTopicNameIsTakenLiterallyNotAsAPattern() {
    MembersTopics topics = new MembersTopics("it.members", "a");
    assertThat(topics.mirroredIn(List.of("b.it.members", "b.itXmembers"))).containsOnlyKeys("b.it.members");
  }
}
