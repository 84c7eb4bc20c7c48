package io.syncfabric.cli;

import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.TokenMinter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Mints tokens the lab accepts: connection tokens ({@code ./fabric token --sub alice --channels 'chat:*'}),
 * with per-action claims ({@code --channels 'chat:*' --publish 'chat:alice'}), audience and issuer, and
 * private-channel subscription tokens ({@code --private-channel private:room --client <session id>}).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Mint a connection token, or a private-channel subscription token (HS256 JWT).")
final class TokenCommand implements Runnable {
  @Option(names = "--sub", defaultValue = "dev", description = "Subject (user id). Default: ${DEFAULT-VALUE}.")
  String subject;

  @Option(names = "--channels", split = ",",
      description = "Channel patterns the token allows, comma-separated ('*' matches any run), for every action "
          + "without a flag of its own below. Default: '*', or none when an action flag is given.")
  List<String> channels;

  @Option(names = "--ttl", defaultValue = "86400", description = "Seconds until expiry; negative mints an already expired "
      + "token. Frontends tolerate jwt.clock.skew.seconds (30 by default), so one refused as expired needs --ttl -31 or less. "
      + "Default: ${DEFAULT-VALUE}.")
  long ttlSeconds;

  @Option(names = "--subscribe", split = ",", description = "Channel patterns for subscribe only (the subscribe claim; overrides --channels for it).")
  List<String> subscribe;

  @Option(names = "--publish", split = ",", description = "Channel patterns for publish only (the publish claim).")
  List<String> publish;

  @Option(names = "--presence", split = ",", description = "Channel patterns for presence only (the presence claim).")
  List<String> presence;

  @Option(names = "--history", split = ",", description = "Channel patterns for history only (the history claim).")
  List<String> history;

  @Option(names = "--secret", description = "HMAC secret (default: the lab's; or FABRIC_JWT_SECRET).")
  String secret;

  @Option(names = "--aud", description = "Audience (aud claim), for frontends with jwt.audience.")
  String audience;

  @Option(names = "--iss", description = "Issuer (iss claim), for frontends with jwt.issuer.")
  String issuer;

  @Option(names = "--private-channel", description = "Mint a subscription token for this private channel instead (needs --client).")
  String privateChannel;

  @Option(names = "--client", description = "The connection's session id (the client field of connected) a subscription token is bound to.")
  String client;

  @Override
  public void run() {
    TokenMinter minter = new TokenMinter(key(secret), Clock.systemUTC());
    Duration ttl = Duration.ofSeconds(ttlSeconds);
    if (privateChannel != null) {
      if (client == null) {
        throw new IllegalArgumentException("--private-channel needs --client <session id>");
      }
      System.out.println(minter.mintSubscription(client, privateChannel, ttl, audience, issuer));
      return;
    }
    Map<Action, List<String>> specific = perAction();
    // an action flag alone must not also grant '*' to the other actions through the fallback
    List<String> fallback = channels != null ? channels : specific.isEmpty() ? List.of("*") : List.of();
    System.out.println(minter.mint(new TokenMinter.Grant(subject, fallback, specific, audience, issuer, ttl)));
  }

  /** The per-action claims given; an action not given falls back to --channels at the frontend. */
  private Map<Action, List<String>> perAction() {
    Map<Action, List<String>> claims = new EnumMap<>(Action.class);
    put(claims, Action.SUBSCRIBE, subscribe);
    put(claims, Action.PUBLISH, publish);
    put(claims, Action.PRESENCE, presence);
    put(claims, Action.HISTORY, history);
    return claims;
  }

  private static void put(Map<Action, List<String>> claims, Action action, List<String> patterns) {
    if (patterns != null) {
      claims.put(action, patterns);
    }
  }

  private static String key(String secret) {
    return secret != null ? secret : System.getenv().getOrDefault("FABRIC_JWT_SECRET", LabDefaults.JWT_SECRET);
  }

  static String mint(String secret, String subject, List<String> channels, long ttlSeconds) {
    return new TokenMinter(key(secret), Clock.systemUTC()).mint(subject, channels, Duration.ofSeconds(ttlSeconds));
  }
}
