package io.syncfabric.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports free right now, for parts that must be told their port before they bind it. */
public final class FreePorts {
  private FreePorts() {}

  /** {@code n} distinct ports: all held open together while picked, so none is handed out twice. */
  public static List<Integer> take(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // the port is still free to take
        }
      }
    }
  }
}
