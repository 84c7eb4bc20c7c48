package io.syncfabric.frontend.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys from {@code api.keys} plus, optionally, a file with one key per line ({@code #} starts a
 * comment) that is re-read when it changes: rotate by adding the new key, moving callers over, then
 * removing the old one, without restarting. The file is looked at no more than once a second.
 */
public final class ReloadingApiKeys {
  private static final Logger log = LoggerFactory.getLogger(ReloadingApiKeys.class);
  static final long CHECK_EVERY_MS = 1_000;

  private final List<String> fixed;
  private final Path file;
  private final LongSupplier clockMs;
  private volatile ApiKeys current;
  private volatile long lastCheckMs;
  private volatile FileTime loadedVersion;

  public ReloadingApiKeys(List<String> fixed, Path file, LongSupplier clockMs) {
    this.fixed = List.copyOf(fixed);
    this.file = file;
    this.clockMs = clockMs;
    this.current = new ApiKeys(fixed);
    if (file != null) {
      reload(); // a missing or unreadable file at start is a configuration error, not a silent "no keys"
      if (loadedVersion == null) {
        throw new IllegalArgumentException("api.keys.file " + file + " cannot be read");
      }
    }
  }

  public ReloadingApiKeys(List<String> fixed) {
    this(fixed, null, System::currentTimeMillis);
  }

  public boolean accepts(String presented) {
    if (file != null && clockMs.getAsLong() - lastCheckMs >= CHECK_EVERY_MS) {
      reloadIfChanged();
    }
    return current.accepts(presented);
  }

  public boolean isEmpty() {
    return current.isEmpty();
  }

  private synchronized void reloadIfChanged() {
    lastCheckMs = clockMs.getAsLong();
    try {
      if (!Files.getLastModifiedTime(file).equals(loadedVersion)) {
        reload();
      }
    } catch (IOException e) {
      log.warn("api.keys.file {} unreadable, keeping the keys loaded before: {}", file, e.toString());
    }
  }

  private void reload() {
    try {
      FileTime version = Files.getLastModifiedTime(file);
      List<String> keys = new ArrayList<>(fixed);
      for (String line : Files.readAllLines(file)) {
        String key = line.strip();
        if (!key.isEmpty() && !key.startsWith("#")) {
          keys.add(key);
        }
      }
      current = new ApiKeys(keys);
      if (loadedVersion != null) {
        log.info("api.keys.file {} reloaded: {} keys", file, keys.size());
      }
      loadedVersion = version;
    } catch (IOException e) {
      log.warn("api.keys.file {} unreadable, keeping the keys loaded before: {}", file, e.toString());
    }
  }
}
