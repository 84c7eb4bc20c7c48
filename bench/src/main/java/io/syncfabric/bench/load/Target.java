package io.syncfabric.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** A frontend's WebSocket endpoint, checked to be on loopback: the harness never leaves this machine. */
public record Target(URI url, InetSocketAddress address, String hostHeader, String path) {

  public static Target of(String url) {
    URI uri = URI.create(url);
    if (!"ws".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--url " + url + ": only ws:// URLs (the harness speaks plain WebSocket)");
    }
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException("--url " + url + ": needs a host and a port");
    }
    InetAddress host;
    try {
      host = InetAddress.getByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--url " + url + ": unknown host");
    }
    if (!host.isLoopbackAddress()) {
      throw new IllegalArgumentException("--url " + url + ": the harness drives loopback addresses only");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new Target(uri, new InetSocketAddress(host, uri.getPort()), uri.getHost() + ":" + uri.getPort(), path);
  }

  /** The frontend's Prometheus endpoint, on the same host and port. */
  public URI metricsUrl() {
    return URI.create("http://" + hostHeader + "/metrics");
  }
}
