package io.syncfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad lab options fail at once, before anything starts. */
class LabCommandTest {
  private String errorOf(String... args) {
    CommandLine cl = FabricCommand.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute(args)).isEqualTo(2);
    return err.toString();
  }

  @Test
  void aFailCloudThatIsNotInTheLabIsRejectedBeforeStart() {
    assertThat(errorOf("lab", "--fail-cloud", "c")).contains("no cloud 'c' in this lab");
  }

  @Test
  void aPortOffsetOutOfRangeIsRejected() {
    assertThat(errorOf("lab", "--port-offset", "30000")).contains("--port-offset must be between");
  }

  @Test
  void repeatedCloudsAreRejected() {
    assertThat(errorOf("lab", "--clouds", "a,a")).contains("cloud names must differ");
  }
}
