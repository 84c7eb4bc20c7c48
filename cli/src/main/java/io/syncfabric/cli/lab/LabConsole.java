package io.syncfabric.cli.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Commands typed into a running lab: {@code fail <cloud>}, {@code restore <cloud>}, {@code status},
 * {@code help}. Reads until its input ends (no input, as in CI, simply ends it).
 */
public final class LabConsole implements Runnable {
  static final String HELP = "commands: fail <cloud> | restore <cloud> | status | help   (Ctrl-C stops the lab)";

  private final Lab lab;
  private final LabDrill drill;
  private final InputStream in;
  private final PrintStream out;

  public LabConsole(Lab lab, LabDrill drill, InputStream in, PrintStream out) {
    this.lab = lab;
    this.drill = drill;
    this.in = in;
    this.out = out;
  }

  @Override
  public void run() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        execute(line.trim());
      }
    } catch (IOException e) {
      out.println("lab console closed: " + e.getMessage());
    }
  }

  /** Runs one command line; every failure is printed, never thrown: the lab keeps running. */
  void execute(String line) {
    if (line.isEmpty()) {
      return;
    }
    String[] words = line.split("\\s+");
    try {
      switch (words[0]) {
        case "fail" -> drill.fail(cloudArgument(words));
        case "restore" -> drill.restore(cloudArgument(words));
        case "status" -> out.print(lab.status());
        case "help" -> out.println(HELP);
        default -> out.println("unknown command '" + words[0] + "'; " + HELP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      out.println(words[0] + ": " + e.getMessage());
    }
  }

  private String cloudArgument(String[] words) {
    if (words.length != 2) {
      throw new IllegalArgumentException("say which cloud, e.g. '" + words[0] + " " + lab.clouds().get(0).cloud() + "'");
    }
    return words[1];
  }
}
