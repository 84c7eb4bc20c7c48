package io.syncfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogFormatTest {
  @AfterEach
  void clear() {
    System.clearProperty("log4j2.configurationFile");
  }

  @Test
  void jsonSelectsTheJsonConfigAndAnythingElseKeepsText() {
    LogFormat.apply("text");
    assertThat(System.getProperty("log4j2.configurationFile")).isNull();
    LogFormat.apply("yaml");
    assertThat(System.getProperty("log4j2.configurationFile")).isNull();
    LogFormat.apply("JSON");
    assertThat(System.getProperty("log4j2.configurationFile")).isEqualTo("log4j2-json.xml");
    assertThat(LogFormatTest.class.getResource("/" + LogFormat.JSON_CONFIG)).isNotNull();
  }

  @Test
  void theJsonTemplateWritesOneObjectWithTheSessionId() throws Exception {
    JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
        .setConfiguration(new DefaultConfiguration())
        .setEventTemplateUri("classpath:fabric-log-template.json")
        .build();
    SortedArrayStringMap mdc = new SortedArrayStringMap();
    mdc.putValue("session", "a-8080.0011223344556677");
    String line = layout.toSerializable(Log4jLogEvent.newBuilder()
        .setLoggerName("io.syncfabric.frontend.session.ClientSession")
        .setLevel(Level.WARN)
        .setMessage(new SimpleMessage("slow consumer"))
        .setContextData(mdc)
        .setTimeMillis(1_764_030_000_000L)
        .build());

    assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("message").asText()).isEqualTo("slow consumer");
    assertThat(json.path("session").asText()).isEqualTo("a-8080.0011223344556677");
    assertThat(json.path("ts").asText()).isEqualTo("2025-11-25T00:20:00.000Z");
  }
}
