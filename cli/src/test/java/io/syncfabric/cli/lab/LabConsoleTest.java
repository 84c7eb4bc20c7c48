package io.syncfabric.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's typed commands, on a lab that was never started: nothing here starts a process. */
class LabConsoleTest {
  @TempDir
  Path dir;

  private String run(String input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Lab lab = new Lab(LabTopology.defaults(), dir);
    new LabConsole(lab, new LabDrill(lab, print, Duration.ofSeconds(1)),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), print).run();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statusListsEveryCloud() {
    assertThat(run("status\n")).contains("cloud a      DOWN").contains("cloud b      DOWN");
  }

  @Test
  void helpNamesTheCommands() {
    assertThat(run("help\n")).contains("fail <cloud> | restore <cloud> | status | help");
  }

  @Test
  void anUnknownCommandIsAnsweredWithHelpAndTheConsoleGoesOn() {
    assertThat(run("explode\nstatus\n")).contains("unknown command 'explode'").contains("cloud a      DOWN");
  }

  @Test
  void failNeedsAKnownCloud() {
    assertThat(run("fail\nfail z\n"))
        .contains("fail: say which cloud, e.g. 'fail a'")
        .contains("fail: no cloud 'z' in this lab (clouds: a, b)");
  }

  @Test
  void aCloudThatIsNotUpCannotBeFailed() {
    assertThat(run("fail a\n")).contains("cloud a is already down");
  }
}
