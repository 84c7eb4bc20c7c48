package io.syncfabric.frontend.http;

import io.syncfabric.frontend.FrontendConfig;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;

/** The frontend's one listener: HTTPS (and wss) when TLS is configured, plain HTTP otherwise. */
public final class Listener {
  private Listener() {}

  public static Undertow build(FrontendConfig config, HttpHandler routes) {
    Undertow.Builder builder = Undertow.builder().setHandler(routes);
    if (config.security().tls() != null) {
      builder.addHttpsListener(config.httpPort(), config.httpHost(), TlsContexts.from(config.security().tls()));
    } else {
      builder.addHttpListener(config.httpPort(), config.httpHost());
    }
    if (config.ioThreads() > 0) {
      builder.setIoThreads(config.ioThreads());
    }
    return builder.build();
  }
}
