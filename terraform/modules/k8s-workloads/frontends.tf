locals {
  # The site's load-balancer service selects the frontends by these labels (output frontend_labels).
  frontend_labels = { app = "ws-frontend", "fabric-cloud" = var.cloud_id }
}

resource "kubernetes_deployment_v1" "frontend" {
  metadata {
    name      = "ws-frontend"
    namespace = var.namespace
    labels    = local.frontend_labels
  }

  spec {
    replicas = var.frontend_min_count
    selector {
      match_labels = local.frontend_labels
    }

    # Surge before removing: a rollout never drops capacity, drained clients reconnect elsewhere.
    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_surge       = "25%"
        max_unavailable = "0"
      }
    }

    template {
      metadata {
        labels = local.frontend_labels
        annotations = {
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = tostring(var.http_port)
          "prometheus.io/path"   = "/metrics"
        }
      }

      spec {
        # The frontend drains on SIGTERM (reconnect hints, graceful close) within drain_seconds.
        termination_grace_period_seconds = var.drain_seconds + 15

        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "topology.kubernetes.io/zone"
          when_unsatisfiable = "ScheduleAnyway"
          label_selector {
            match_labels = local.frontend_labels
          }
        }

        container {
          name  = "ws-frontend"
          image = var.image
          args  = ["frontend"]

          port {
            name           = "http"
            container_port = var.http_port
          }
          port {
            name           = "hazelcast"
            container_port = var.hazelcast_port
          }

          dynamic "env" {
            for_each = var.frontend_env
            content {
              name  = env.key
              value = env.value
            }
          }

          # Per pod: node.id is the pod name, Hazelcast binds to and advertises the pod IP.
          dynamic "env" {
            for_each = { FABRIC_NODE_ID = "metadata.name", FABRIC_HAZELCAST_HOST = "status.podIP" }
            content {
              name = env.key
              value_from {
                field_ref {
                  field_path = env.value
                }
              }
            }
          }

          dynamic "env" {
            for_each = toset(var.frontend_secret_keys)
            content {
              name = env.value
              value_from {
                secret_key_ref {
                  name = kubernetes_secret_v1.fabric.metadata[0].name
                  key  = env.value
                }
              }
            }
          }

          resources {
            requests = { cpu = var.frontend_resources.cpu, memory = var.frontend_resources.memory }
            limits   = { memory = var.frontend_resources.memory }
          }

          readiness_probe {
            http_get {
              path = "/health/ready"
              port = var.http_port
            }
            period_seconds    = 5
            failure_threshold = 2
          }

          liveness_probe {
            http_get {
              path = "/health/live"
              port = var.http_port
            }
            initial_delay_seconds = 20
            period_seconds        = 10
            failure_threshold     = 3
          }
        }
      }
    }
  }

  lifecycle {
    # The HPA owns the replica count.
    ignore_changes = [spec[0].replicas]
  }
}

# Headless, with not-ready pods too: Hazelcast members must find each other before they are ready.
resource "kubernetes_service_v1" "hazelcast" {
  metadata {
    name      = var.hazelcast_service
    namespace = var.namespace
  }
  spec {
    cluster_ip                  = "None"
    publish_not_ready_addresses = true
    selector                    = local.frontend_labels
    port {
      name        = "hazelcast"
      port        = var.hazelcast_port
      target_port = var.hazelcast_port
    }
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "frontend" {
  metadata {
    name      = "ws-frontend"
    namespace = var.namespace
  }
  spec {
    min_replicas = var.frontend_min_count
    max_replicas = var.frontend_max_count

    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = kubernetes_deployment_v1.frontend.metadata[0].name
    }

    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = var.frontend_cpu_target_percent
        }
      }
    }

    # Scale out fast, scale in slowly: every removed pod moves its clients.
    behavior {
      scale_down {
        stabilization_window_seconds = 600
        select_policy                = "Min"
        policy {
          type           = "Pods"
          value          = 1
          period_seconds = 120
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "frontend" {
  metadata {
    name      = "ws-frontend"
    namespace = var.namespace
  }
  spec {
    max_unavailable = "1"
    selector {
      match_labels = local.frontend_labels
    }
  }
}
