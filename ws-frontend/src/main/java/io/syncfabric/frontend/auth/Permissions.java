package io.syncfabric.frontend.auth;

import java.util.EnumMap;
import java.util.Map;

/**
 * The channels a token allows, per action. A token may carry one claim per action
 * ({@code subscribe}, {@code publish}, {@code presence}, {@code history}: lists of patterns); an
 * action without its own claim falls back to {@code channels}, which therefore grants everything.
 */
public final class Permissions {
  private final Map<Action, ChannelPatterns> byAction;

  public Permissions(ChannelPatterns channels, Map<Action, ChannelPatterns> specific) {
    this.byAction = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      byAction.put(a, specific.getOrDefault(a, channels));
    }
  }

  /** The same patterns for every action (the {@code channels} claim alone). */
  public static Permissions all(ChannelPatterns channels) {
    return new Permissions(channels, Map.of());
  }

  public boolean allows(Action action, String channel) {
    return byAction.get(action).allows(channel);
  }
}
