package io.syncfabric.frontend.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryHistoryStoreTest extends HistoryStoreContract {
  private final MemoryHistoryStore store = new MemoryHistoryStore(LIMITS, "memory");

  @Override
  HistoryStore store() {
    return store;
  }

  @Test
  void everyFrontendWritesItsOwnMemoryHistory() {
    assertThat(store.isWriterFor("any")).isTrue();
    assertThat(store.describe()).isEqualTo("memory");
  }
}
