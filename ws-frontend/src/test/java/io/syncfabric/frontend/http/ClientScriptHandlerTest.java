package io.syncfabric.frontend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClientScriptHandlerTest {
  @Test
  void servesEveryModuleOfTheClientsFolderAndNothingElse() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../clients/js/fabric"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".js"))
          .map(n -> n.substring(0, n.length() - 3)))
          .as("a module fabric.js imports but the frontend does not serve breaks every page that imports it")
          .containsExactlyInAnyOrderElementsOf(ClientScriptHandler.PARTS);
    }
  }
}
