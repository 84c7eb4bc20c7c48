# Self-managed Kafka in KRaft mode: a StatefulSet of combined broker+controller nodes.
# Azure has no managed Apache Kafka; see README for why Event Hubs does not fit.

# A KRaft cluster id is a base64url UUID: 16 random bytes give exactly that form.
resource "random_id" "kafka_cluster" {
  byte_length = 16
}

locals {
  kafka_labels = { app = "kafka", "fabric-cloud" = var.cloud_id }
  kafka_voters = join(",", [for i in range(var.kafka_broker_count) : "${i}@kafka-${i}.${local.kafka_ns_domain}:9093"])

  # Each pod derives its node id and advertised address from its ordinal (kafka-N).
  kafka_start = <<-SCRIPT
    set -euo pipefail
    ordinal="$${HOSTNAME##*-}"
    ips=(${join(" ", local.kafka_ips)})
    export KAFKA_NODE_ID="$ordinal"
    export KAFKA_ADVERTISED_LISTENERS="INTERNAL://$${HOSTNAME}.${local.kafka_ns_domain}:9091,CLIENT://$${ips[$ordinal]}:9092"
    exec /etc/kafka/docker/run
  SCRIPT
}

# Stable DNS per broker for the controller quorum and inter-broker traffic.
resource "kubernetes_service_v1" "kafka_headless" {
  metadata {
    name      = local.kafka_headless
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
  }
  spec {
    cluster_ip                  = "None"
    publish_not_ready_addresses = true
    selector                    = local.kafka_labels
    port {
      name = "internal"
      port = 9091
    }
    port {
      name = "controller"
      port = 9093
    }
  }
}

# One internal LB per broker: the address it advertises to this VNet and to the peers.
resource "kubernetes_service_v1" "kafka_broker" {
  count = var.kafka_broker_count

  metadata {
    name      = "kafka-${count.index}"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
    annotations = {
      "service.beta.kubernetes.io/azure-load-balancer-internal"        = "true"
      "service.beta.kubernetes.io/azure-load-balancer-internal-subnet" = azurerm_subnet.ilb.name
      "service.beta.kubernetes.io/azure-load-balancer-ipv4"            = local.kafka_ips[count.index]
    }
  }
  spec {
    type                        = "LoadBalancer"
    load_balancer_source_ranges = concat([var.network_cidr], var.peer_cidrs)
    selector                    = { "statefulset.kubernetes.io/pod-name" = "kafka-${count.index}" }
    port {
      name        = "client"
      port        = 9092
      target_port = 9092
    }
  }

  depends_on = [azurerm_role_assignment.aks_network]
}

resource "kubernetes_stateful_set_v1" "kafka" {
  metadata {
    name      = "kafka"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
    labels    = local.kafka_labels
  }

  spec {
    service_name          = kubernetes_service_v1.kafka_headless.metadata[0].name
    replicas              = var.kafka_broker_count
    pod_management_policy = "Parallel"
    selector {
      match_labels = local.kafka_labels
    }

    template {
      metadata {
        labels = local.kafka_labels
      }

      spec {
        termination_grace_period_seconds = 120

        # The image runs Kafka as uid 1000 (appuser): let it own the data disk.
        security_context {
          fs_group = 1000
        }

        # One broker per zone: losing a zone keeps a KRaft majority and min ISR 2.
        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "topology.kubernetes.io/zone"
          when_unsatisfiable = "DoNotSchedule"
          label_selector {
            match_labels = local.kafka_labels
          }
        }

        container {
          name    = "kafka"
          image   = var.kafka_image
          command = ["/bin/bash", "-c", local.kafka_start]

          dynamic "env" {
            for_each = {
              CLUSTER_ID                                     = random_id.kafka_cluster.b64_url
              KAFKA_PROCESS_ROLES                            = "broker,controller"
              KAFKA_LISTENERS                                = "INTERNAL://:9091,CLIENT://:9092,CONTROLLER://:9093"
              KAFKA_LISTENER_SECURITY_PROTOCOL_MAP           = "INTERNAL:PLAINTEXT,CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT"
              KAFKA_INTER_BROKER_LISTENER_NAME               = "INTERNAL"
              KAFKA_CONTROLLER_LISTENER_NAMES                = "CONTROLLER"
              KAFKA_CONTROLLER_QUORUM_VOTERS                 = local.kafka_voters
              KAFKA_LOG_DIRS                                 = "/var/lib/kafka/data/logs"
              KAFKA_AUTO_CREATE_TOPICS_ENABLE                = "false"
              KAFKA_DEFAULT_REPLICATION_FACTOR               = "3"
              KAFKA_MIN_INSYNC_REPLICAS                      = "2"
              KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR         = "3"
              KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR = "3"
              KAFKA_TRANSACTION_STATE_LOG_MIN_ISR            = "2"
              KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE           = "false"
            }
            content {
              name  = env.key
              value = env.value
            }
          }

          port {
            name           = "client"
            container_port = 9092
          }

          resources {
            requests = { cpu = "1", memory = "4Gi" }
            limits   = { memory = "4Gi" }
          }

          readiness_probe {
            tcp_socket {
              port = 9092
            }
            period_seconds = 10
          }

          volume_mount {
            name       = "data"
            mount_path = "/var/lib/kafka/data"
          }
        }
      }
    }

    volume_claim_template {
      metadata {
        name = "data"
      }
      spec {
        access_modes       = ["ReadWriteOnce"]
        storage_class_name = "managed-csi-premium"
        resources {
          requests = { storage = "${var.kafka_storage_gb}Gi" }
        }
      }
    }
  }
}

# Voluntary disruptions (node upgrades) take at most one broker at a time.
resource "kubernetes_pod_disruption_budget_v1" "kafka" {
  metadata {
    name      = "kafka"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
  }
  spec {
    max_unavailable = "1"
    selector {
      match_labels = local.kafka_labels
    }
  }
}
