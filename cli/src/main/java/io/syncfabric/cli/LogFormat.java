package io.syncfabric.cli;

import java.util.Locale;

/**
 * {@code FABRIC_LOG_FORMAT=json} switches every {@code ./fabric} command to JSON lines (one object
 * per line, with the client's {@code session} id where there is one); the default is text. It has
 * to be decided before the first logger exists, so it is an environment variable read in main.
 */
final class LogFormat {
  static final String ENV = "FABRIC_LOG_FORMAT";
  static final String JSON_CONFIG = "log4j2-json.xml";

  private LogFormat() {}

  static void apply(String format) {
    if (format == null || format.isBlank() || format.equalsIgnoreCase("text")) {
      return;
    }
    if (!format.toLowerCase(Locale.ROOT).equals("json")) {
      System.err.println("fabric: " + ENV + " must be text or json, got '" + format + "'; using text");
      return;
    }
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", JSON_CONFIG);
    }
  }
}
