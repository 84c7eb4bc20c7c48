# The sequencer (bridge) and MirrorMaker 2: no public traffic, just Kafka in and out.
resource "kubernetes_deployment_v1" "worker" {
  for_each = var.workers

  metadata {
    name      = "fabric-${each.key}"
    namespace = var.namespace
    labels    = { app = "fabric-${each.key}" }
  }

  spec {
    replicas = each.value.replicas
    selector {
      match_labels = { app = "fabric-${each.key}" }
    }

    template {
      metadata {
        labels = { app = "fabric-${each.key}" }
        annotations = {
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = tostring(each.value.http_port)
          "prometheus.io/path"   = "/metrics"
        }
      }

      spec {
        # Let Kafka Streams / Connect leave their groups cleanly instead of waiting for a session timeout.
        termination_grace_period_seconds = 60

        container {
          name  = each.key
          image = var.image
          args  = [each.key]

          port {
            name           = "http"
            container_port = each.value.http_port
          }

          dynamic "env" {
            for_each = each.value.env
            content {
              name  = env.key
              value = env.value
            }
          }

          dynamic "env" {
            for_each = toset(each.value.secret_keys)
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

          dynamic "volume_mount" {
            for_each = each.value.mounts_mirror_config ? [dirname(local.mirror_config_path)] : []
            content {
              name       = "mirror-config"
              mount_path = volume_mount.value
              read_only  = true
            }
          }

          # Restarted when its Kafka clients stay down; /metrics and health on http_port.
          liveness_probe {
            http_get {
              path = each.value.health_path
              port = each.value.http_port
            }
            initial_delay_seconds = 30
            period_seconds        = 10
            failure_threshold     = 6
          }

          resources {
            requests = { cpu = var.worker_resources.cpu, memory = var.worker_resources.memory }
            limits   = { memory = var.worker_resources.memory }
          }
        }

        dynamic "volume" {
          for_each = each.value.mounts_mirror_config ? [kubernetes_secret_v1.mirror_clusters.metadata[0].name] : []
          content {
            name = "mirror-config"
            secret {
              secret_name = volume.value
            }
          }
        }
      }
    }
  }

  depends_on = [kubernetes_secret_v1.mirror_clusters]
}
