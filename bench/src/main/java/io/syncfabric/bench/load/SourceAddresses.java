package io.syncfabric.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Loopback source addresses 127.0.0.2, 127.0.0.3, ... (then 127.0.1.x): each address has its own
 * range of ephemeral ports, and a frontend limits connections per source address
 * ({@code ws.max.connections.per.address}), so connections are spread round-robin over them.
 */
public final class SourceAddresses {
  public static final int MAX = 1_000;
  private final InetAddress[] addresses;

  public SourceAddresses(int count) {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException("source addresses must be 1.." + MAX);
    }
    addresses = new InetAddress[count];
    for (int i = 0; i < count; i++) {
      // 127.0.0.2-251, 127.0.1.2-251, ...: 127.0.0.1 stays what the servers and other tools use
      try {
        addresses[i] = InetAddress.getByAddress(new byte[] {127, 0, (byte) (i / 250), (byte) (2 + i % 250)});
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e); // four bytes are always a valid address
      }
    }
  }

  /**
   * The address connection {@code i} binds to when connections go round-robin to {@code targets}
   * frontends: each frontend's share cycles through every address.
   */
  public InetAddress forConnection(int i, int targets) {
    return addresses[(i / targets) % addresses.length];
  }

  public int count() {
    return addresses.length;
  }

  /** Enough addresses that no frontend sees more than {@code perAddressLimit} from one of them. */
  public static int needed(int connectionsPerFrontend, int perAddressLimit) {
    return Math.max(1, (connectionsPerFrontend + perAddressLimit - 1) / perAddressLimit);
  }
}
