package io.syncfabric.client;

/** The connection a failover client delivers from and its session, while it is connected. */
record LiveConnection(FabricClient connection, String session) {}
