package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message delivered on a channel.
 *
 * @param data the payload: the JSON value itself for JSON payloads, a JSON string otherwise
 */
public record FabricMessage(String channel, String epoch, long seq, long ts, String origin, JsonNode data) {}
