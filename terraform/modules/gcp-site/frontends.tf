locals {
  # GKE creates one standalone NEG per zone with this name; the LB picks them up in lb.tf.
  neg_name = "${local.name}-frontend"
}

# The frontends themselves (Deployment, Hazelcast service, autoscaler, disruption budget) are in
# ../k8s-workloads (workloads.tf); this is what puts them behind this cloud's load balancer.

# Target of the load balancer: ClusterIP + standalone NEGs (container-native LB, no node hop).
resource "kubernetes_service_v1" "frontend" {
  metadata {
    name      = "ws-frontend"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
    annotations = {
      "cloud.google.com/neg" = jsonencode({ exposed_ports = { tostring(local.http_port) = { name = local.neg_name } } })
    }
  }
  spec {
    type     = "ClusterIP"
    selector = module.workloads.frontend_labels
    port {
      name        = "http"
      port        = local.http_port
      target_port = local.http_port
    }
  }
}
