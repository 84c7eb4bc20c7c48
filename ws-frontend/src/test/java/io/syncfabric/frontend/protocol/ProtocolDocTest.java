package io.syncfabric.frontend.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/protocol.md's error table and the {@link ErrorCode} catalogue say the same thing. */
class ProtocolDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| ([a-z0-9-]+) \\| ?(\\d*) ?\\|.*$");

  @Test
  void theDocumentedErrorTableMatchesTheCatalogue() throws Exception {
    Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("protocol.md");
    Map<Integer, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(doc)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        documented.put(Integer.parseInt(m.group(1)), m.group(2) + "/" + (m.group(3).isEmpty() ? "0" : m.group(3)));
      }
    }
    Map<Integer, String> catalogue = new LinkedHashMap<>();
    for (ErrorCode code : ErrorCode.values()) {
      catalogue.put(code.code(), code.tag() + "/" + code.closeCode());
    }
    assertThat(documented).isEqualTo(catalogue);
  }
}
