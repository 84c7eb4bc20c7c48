package io.syncfabric.cli;

import io.syncfabric.frontend.auth.TokenMinter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mints a connection token: {@code ./fabric token --sub alice --channels 'chat:*'}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint a connection token (HS256 JWT).")
final class TokenCommand implements Runnable {
  @Option(names = "--sub", defaultValue = "dev", description = "Subject (user id). Default: ${DEFAULT-VALUE}.")
  String subject;

  @Option(names = "--channels", split = ",", defaultValue = "*",
      description = "Channel patterns the token allows, comma-separated ('*' matches any run). Default: ${DEFAULT-VALUE}.")
  List<String> channels;

  @Option(names = "--ttl", defaultValue = "86400", description = "Seconds until expiry; negative mints an expired token. Default: ${DEFAULT-VALUE}.")
  long ttlSeconds;

  @Option(names = "--secret", description = "HMAC secret (default: the lab's; or FABRIC_JWT_SECRET).")
  String secret;

  @Override
  public void run() {
    System.out.println(mint(secret, subject, channels, ttlSeconds));
  }

  static String mint(String secret, String subject, List<String> channels, long ttlSeconds) {
    String key = secret != null ? secret
        : System.getenv().getOrDefault("FABRIC_JWT_SECRET", LabDefaults.JWT_SECRET);
    return new TokenMinter(key, Clock.systemUTC()).mint(subject, channels, Duration.ofSeconds(ttlSeconds));
  }
}
