package io.syncfabric.frontend.dashboard;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;

/**
 * Serves the dashboard page from the frontend jar ({@code static/dashboard}): {@code GET /} is its
 * index, {@code GET /dashboard/<file>} its assets. Nothing comes from a CDN.
 */
public final class DashboardFiles {
  private DashboardFiles() {}

  public static HttpHandler handler() {
    return Handlers.resource(new ClassPathResourceManager(DashboardFiles.class.getClassLoader(), "static/dashboard"))
        .setWelcomeFiles("index.html")
        .setDirectoryListingEnabled(false)
        .setCacheTime(60);
  }
}
