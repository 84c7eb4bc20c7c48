# The sequencer (bridge) and MirrorMaker 2: no public traffic, just Kafka in and out.
resource "kubernetes_deployment_v1" "worker" {
  for_each = local.workers

  metadata {
    name      = "fabric-${each.key}"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
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
      }

      spec {
        # Let Kafka Streams / Connect leave their groups cleanly instead of waiting for a session timeout.
        termination_grace_period_seconds = 60

        container {
          name  = each.key
          image = "${var.image_repository}:${var.image_tag}"
          args  = [each.key]

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

          resources {
            requests = { cpu = var.worker_cpu, memory = var.worker_memory }
            limits   = { memory = var.worker_memory }
          }
        }
      }
    }
  }
}
