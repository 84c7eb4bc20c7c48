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

    # MirrorMaker 2: the old pod stops before the new one starts. A surge pod would join the same
    # worker groups as a second process on the same flows, which does not hand its tasks back
    # reliably (docs/operations.md). The sequencer rolls: Kafka Streams rebalances its tasks.
    strategy {
      type = each.key == "mirror" ? "Recreate" : "RollingUpdate"
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

          # Restarted when health_path fails (the mirror uses /health/live: its /health/ready is 503
          # whenever a peer cloud is down, which a restart cannot fix); /metrics on http_port too.
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
