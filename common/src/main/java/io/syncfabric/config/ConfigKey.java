package io.syncfabric.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration key: its name, how its text is parsed, its default, what makes a value valid
 * and what it means. Keys are declared once, next to the component they configure, and collected in
 * a {@link ConfigDef}.
 *
 * @param name dotted name as written in the config file, e.g. {@code kafka.bootstrap}
 * @param parser turns the text form into a value; throws {@link IllegalArgumentException} on bad text
 * @param defaultText default in text form, or {@code null} when the key is required
 * @param validator checks a parsed value
 * @param expectation what a valid value looks like, used in error messages
 * @param doc one line for operators
 */
public record ConfigKey<T>(
    String name,
    Function<String, T> parser,
    String defaultText,
    Predicate<T> validator,
    String expectation,
    String doc) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(doc, "doc");
  }

  /** Environment variable that overrides this key: {@code FABRIC_} + upper-case name, dots as '_'. */
  public String envName() {
    return "FABRIC_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public boolean required() {
    return defaultText == null;
  }

  public static ConfigKey<String> string(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, s -> s, defaultText, s -> true, "a string", doc);
  }

  /** A string that must not be blank (required when {@code defaultText} is null). */
  public static ConfigKey<String> nonBlank(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, String::trim, defaultText, s -> !s.isBlank(), "a non-blank string", doc);
  }

  public static ConfigKey<Integer> intRange(String name, int defaultValue, int min, int max, String doc) {
    return new ConfigKey<>(
        name, s -> Integer.parseInt(s.trim()), Integer.toString(defaultValue),
        v -> v >= min && v <= max, "an integer from " + min + " to " + max, doc);
  }

  public static ConfigKey<Long> longRange(String name, long defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        name, s -> Long.parseLong(s.trim()), Long.toString(defaultValue),
        v -> v >= min && v <= max, "an integer from " + min + " to " + max, doc);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(name, ConfigKey::parseBoolean, Boolean.toString(defaultValue), v -> true, "true or false", doc);
  }

  /** Comma-separated list; blank entries dropped. An empty default means "none". */
  public static ConfigKey<List<String>> list(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, ConfigKey::parseList, defaultText, v -> true, "a comma-separated list", doc);
  }

  /** Comma-separated list that must have at least one entry. */
  public static ConfigKey<List<String>> nonEmptyList(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, ConfigKey::parseList, defaultText, v -> !v.isEmpty(), "a non-empty comma-separated list", doc);
  }

  /** A value restricted to a fixed set of words (case-insensitive in input, lower-case after). */
  public static ConfigKey<String> oneOf(String name, String defaultText, List<String> allowed, String doc) {
    return new ConfigKey<>(
        name, s -> s.trim().toLowerCase(java.util.Locale.ROOT), defaultText, allowed::contains,
        "one of " + String.join(", ", allowed), doc);
  }

  static List<String> parseList(String text) {
    return java.util.Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static Boolean parseBoolean(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }
}
