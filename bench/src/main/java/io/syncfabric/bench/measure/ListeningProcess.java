package io.syncfabric.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds the local process listening on a TCP port, from Linux's /proc (the socket's inode in
 * /proc/net/tcp, then the process holding that inode). Used only to ask a frontend JVM on this
 * machine for a GC before reading its heap; empty where /proc says nothing.
 */
public final class ListeningProcess {
  private static final String LISTEN = "0A";

  private ListeningProcess() {}

  public static OptionalLong pidOf(int port) {
    String inode = listeningInode(port);
    if (inode == null) {
      return OptionalLong.empty();
    }
    String link = "socket:[" + inode + "]";
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit) || !holds(proc.resolve("fd"), link)) {
          continue;
        }
        return OptionalLong.of(Long.parseLong(name));
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** The inode of the socket listening on {@code port} (any local address), or null. */
  static String listeningInode(int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].endsWith(hexPort) && LISTEN.equals(f[3])) {
            return f[9];
          }
        }
      } catch (IOException e) {
        // no such table here: try the next
      }
    }
    return null;
  }

  private static boolean holds(Path fdDir, String link) {
    try (Stream<Path> fds = Files.list(fdDir)) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (link.equals(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException e) {
          // the descriptor closed meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return false; // not ours to read, or gone
    }
    return false;
  }
}
