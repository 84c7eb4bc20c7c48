package io.syncfabric.frontend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReloadingApiKeysTest {
  @Test
  void theFileIsReReadWhenItChangesAtMostOnceASecond() throws Exception {
    Path file = Files.createTempFile("keys", "");
    Files.writeString(file, "# comment\nold-key\n\n");
    AtomicLong clock = new AtomicLong(10_000);
    ReloadingApiKeys keys = new ReloadingApiKeys(List.of("fixed"), file, clock::get);
    assertThat(keys.accepts("old-key")).isTrue();
    assertThat(keys.accepts("fixed")).isTrue();
    assertThat(keys.accepts("# comment")).isFalse();

    Files.writeString(file, "new-key\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    clock.addAndGet(500);
    assertThat(keys.accepts("new-key")).as("not looked at yet").isFalse();
    clock.addAndGet(600);
    assertThat(keys.accepts("new-key")).isTrue();
    assertThat(keys.accepts("old-key")).isFalse();
    assertThat(keys.accepts("fixed")).isTrue();
  }

  @Test
  void aMissingFileAtStartIsAnError() {
    assertThatThrownBy(() -> new ReloadingApiKeys(List.of(), Path.of("/nonexistent/keys"), System::currentTimeMillis))
        .hasMessageContaining("api.keys.file");
  }
}
