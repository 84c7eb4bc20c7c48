package io.syncfabric.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDefTest {
  private static final ConfigKey<Integer> PORT = ConfigKey.intRange("ws.port", 8080, 1, 65535, "Port.");
  private static final ConfigKey<Boolean> TLS = ConfigKey.bool("ws.tls", false, "TLS on or off.");
  private static final ConfigKey<List<String>> KEYS = ConfigKey.nonEmptyList("api.keys", "k1", "API keys.");
  private static final ConfigKey<String> SECRET = ConfigKey.nonBlank("jwt.secret", null, "Signing secret.");

  @TempDir Path dir;

  private static ConfigDef common() {
    return new ConfigDef().defineAll(CommonKeys.ALL);
  }

  private Path file(String text) throws IOException {
    Path f = dir.resolve("fabric.properties");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    Config config = common().load(null, Map.of(), Map.of());

    assertThat(config.get(CommonKeys.CLOUD)).isEqualTo("a");
    assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP)).isEqualTo("127.0.0.1:19092");
    assertThat(config.get(CommonKeys.TOPIC_INGRESS)).isEqualTo("fabric.ingress");
    assertThat(config.get(CommonKeys.TOPIC_EVENTS)).isEqualTo("fabric.events");
    assertThat(config.get(CommonKeys.TOPIC_DLQ)).isEqualTo("fabric.dlq");
  }

  @Test
  void fileValuesOverrideDefaults() throws IOException {
    Path f = file("cloud=b\nkafka.bootstrap=kafka-b:9092\n");

    Config config = common().load(f, Map.of(), Map.of());

    assertThat(config.get(CommonKeys.CLOUD)).isEqualTo("b");
    assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP)).isEqualTo("kafka-b:9092");
    assertThat(config.get(CommonKeys.TOPIC_EVENTS)).isEqualTo("fabric.events");
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Path f = file("kafka.bootstrap=from-file:9092\ncloud=b\n");

    Config config = common().load(f, Map.of("FABRIC_KAFKA_BOOTSTRAP", "from-env:9092"), Map.of());

    assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP)).isEqualTo("from-env:9092");
    assertThat(config.get(CommonKeys.CLOUD)).isEqualTo("b");
  }

  @Test
  void environmentVariablesOfUndefinedKeysAreIgnored() {
    Config config = common().load(null, Map.of("FABRIC_NOT_A_KEY", "x", "PATH", "/bin"), Map.of());

    assertThat(config.get(CommonKeys.CLOUD)).isEqualTo("a");
  }

  @Test
  void explicitOverridesBeatEnvironmentAndFile() throws IOException {
    Path f = file("kafka.bootstrap=from-file:9092\n");

    Config config = common().load(f, Map.of("FABRIC_KAFKA_BOOTSTRAP", "from-env:9092"),
        Map.of("kafka.bootstrap", "from-flag:9092"));

    assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP)).isEqualTo("from-flag:9092");
  }

  @Test
  void valuesAreParsedToTheirTypes() {
    Config config = new ConfigDef().define(PORT).define(TLS).define(KEYS)
        .load(null, Map.of(), Map.of("ws.port", " 9000 ", "ws.tls", "Yes", "api.keys", " a, ,b ,"));

    assertThat(config.get(PORT)).isEqualTo(9000);
    assertThat(config.get(TLS)).isTrue();
    assertThat(config.get(KEYS)).containsExactly("a", "b");
  }

  @Test
  void unknownKeyInFileIsAnErrorNamingItAndSuggestingTheNearKey() throws IOException {
    Path f = file("kafka.bootstrp=kafka:9092\n");

    assertThatThrownBy(() -> common().load(f, Map.of(), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.bootstrp"))
        .hasMessageContaining("unknown key")
        .hasMessageContaining("did you mean kafka.bootstrap?");
  }

  @Test
  void unknownKeyFarFromEveryKnownKeyHasNoSuggestion() throws IOException {
    Path f = file("completely.different=1\n");

    assertThatThrownBy(() -> common().load(f, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("completely.different: unknown key")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void unknownKeyInOverridesIsAnErrorToo() {
    assertThatThrownBy(() -> common().load(null, Map.of(), Map.of("topics.event", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topics.event: unknown key (did you mean topics.events?)");
  }

  @Test
  void missingRequiredKeyNamesTheKeyAndItsEnvironmentVariable() {
    ConfigDef def = new ConfigDef().define(SECRET);

    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("jwt.secret"))
        .hasMessageContaining("required but not set")
        .hasMessageContaining("FABRIC_JWT_SECRET");
  }

  @Test
  void requiredKeyCanComeFromTheEnvironment() {
    Config config = new ConfigDef().define(SECRET).load(null, Map.of("FABRIC_JWT_SECRET", "s3cret"), Map.of());

    assertThat(config.get(SECRET)).isEqualTo("s3cret");
  }

  @Test
  void textThatIsNotAnIntegerNamesTheKeyAndTheExpectation() {
    ConfigDef def = new ConfigDef().define(PORT);

    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of("ws.port", "eighty")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("ws.port"))
        .hasMessage("ws.port: 'eighty' is not an integer from 1 to 65535");
  }

  @Test
  void integerOutOfRangeNamesTheKey() {
    ConfigDef def = new ConfigDef().define(PORT);

    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of("ws.port", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ws.port: '70000' is not an integer from 1 to 65535");
    assertThat(def.load(null, Map.of(), Map.of("ws.port", "65535")).get(PORT)).isEqualTo(65535);
    assertThat(def.load(null, Map.of(), Map.of("ws.port", "1")).get(PORT)).isEqualTo(1);
  }

  @Test
  void longRangeIsCheckedLikeIntRange() {
    ConfigKey<Long> timeout = ConfigKey.longRange("ws.timeout.ms", 10, 1, 60_000, "Timeout.");
    ConfigDef def = new ConfigDef().define(timeout);

    assertThat(def.load(null, Map.of(), Map.of()).get(timeout)).isEqualTo(10L);
    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of("ws.timeout.ms", "0")))
        .hasMessage("ws.timeout.ms: '0' is not an integer from 1 to 60000");
  }

  @Test
  void badBooleanNamesTheKey() {
    ConfigDef def = new ConfigDef().define(TLS);

    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of("ws.tls", "maybe")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("ws.tls"))
        .hasMessage("ws.tls: 'maybe' is not true or false");
  }

  @Test
  void booleanAcceptsTheUsualWords() {
    ConfigDef def = new ConfigDef().define(TLS);

    for (String yes : List.of("true", "YES", "on", "1")) {
      assertThat(def.load(null, Map.of(), Map.of("ws.tls", yes)).get(TLS)).as(yes).isTrue();
    }
    for (String no : List.of("false", "No", "OFF", "0")) {
      assertThat(def.load(null, Map.of(), Map.of("ws.tls", no)).get(TLS)).as(no).isFalse();
    }
  }

  @Test
  void emptyNonEmptyListNamesTheKey() {
    ConfigDef def = new ConfigDef().define(KEYS);

    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of("api.keys", " , ,")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("api.keys: ' , ,' is not a non-empty comma-separated list");
  }

  @Test
  void plainListMayBeEmpty() {
    ConfigKey<List<String>> routes = ConfigKey.list("routes", "", "Routes.");

    assertThat(new ConfigDef().define(routes).load(null, Map.of(), Map.of()).get(routes)).isEmpty();
  }

  @Test
  void oneOfIsCaseInsensitiveAndNamesTheAllowedWords() {
    ConfigKey<String> mode = ConfigKey.oneOf("slow.policy", "close", List.of("close", "conflate"), "Policy.");
    ConfigDef def = new ConfigDef().define(mode);

    assertThat(def.load(null, Map.of(), Map.of("slow.policy", " CONFLATE ")).get(mode)).isEqualTo("conflate");
    assertThatThrownBy(() -> def.load(null, Map.of(), Map.of("slow.policy", "drop")))
        .hasMessage("slow.policy: 'drop' is not one of close, conflate");
  }

  @Test
  void cloudIdFollowsItsPattern() {
    assertThatThrownBy(() -> common().load(null, Map.of("FABRIC_CLOUD", "-bad"), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("cloud"))
        .hasMessageContaining("'-bad' is not 1-31 characters");
    assertThat(common().load(null, Map.of("FABRIC_CLOUD", " eu-west-1 "), Map.of()).get(CommonKeys.CLOUD))
        .isEqualTo("eu-west-1");
  }

  @Test
  void blankNonBlankValueIsAnError() {
    assertThatThrownBy(() -> common().load(null, Map.of(), Map.of("topics.dlq", "   ")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("topics.dlq: '   ' is not a non-blank string");
  }

  @Test
  void severalProblemsAreReportedTogetherNamingTheFirstKey() throws IOException {
    Path f = file("ws.prot=1\nws.port=0\nws.tls=perhaps\n");
    ConfigDef def = new ConfigDef().define(PORT).define(TLS).define(SECRET);

    assertThatThrownBy(() -> def.load(f, Map.of(), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("ws.prot");
          assertThat(e.getMessage())
              .startsWith("ws.prot: unknown key (did you mean ws.port?)")
              .contains("; ws.port: '0' is not an integer from 1 to 65535")
              .contains("; ws.tls: 'perhaps' is not true or false")
              .contains("; jwt.secret: required but not set");
        });
  }

  @Test
  void unreadableFileIsAnErrorNamingTheFile() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> common().load(missing, Map.of(), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(missing.toString()))
        .hasMessageContaining("cannot read config file");
  }

  @Test
  void definingAKeyTwiceIsRejected() {
    ConfigDef def = new ConfigDef().define(PORT);

    assertThatThrownBy(() -> def.define(ConfigKey.intRange("ws.port", 1, 1, 2, "Again.")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws.port");
  }

  @Test
  void keysAreListedInDefinitionOrder() {
    assertThat(common().keys()).containsExactlyElementsOf(CommonKeys.ALL);
  }

  @Test
  void readingAKeyOutsideTheConfigIsRejected() {
    Config config = common().load(null, Map.of(), Map.of());

    assertThatThrownBy(() -> config.get(PORT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws.port");
  }
}
