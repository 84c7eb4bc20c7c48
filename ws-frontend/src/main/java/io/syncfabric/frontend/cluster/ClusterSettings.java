package io.syncfabric.frontend.cluster;

import java.util.List;

/**
 * How a frontend joins its cloud's Hazelcast cluster.
 *
 * @param enabled false runs without Hazelcast (history kept per frontend)
 * @param clusterName one cluster per cloud
 * @param host interface to bind and advertise
 * @param port first port to try (auto-increments when taken)
 * @param discovery "tcp-ip" (members list) or "kubernetes" (service DNS)
 * @param members TCP-IP member addresses, host[:port]
 * @param kubernetesServiceDns headless service name for Kubernetes discovery
 * @param failureDetectionSeconds a member silent this long is removed (its entries move to backups)
 */
public record ClusterSettings(
    boolean enabled,
    String clusterName,
    String host,
    int port,
    String discovery,
    List<String> members,
    String kubernetesServiceDns,
    int failureDetectionSeconds) {}
