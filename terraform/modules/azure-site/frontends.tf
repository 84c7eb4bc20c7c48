# The frontends themselves (Deployment, Hazelcast service, autoscaler, disruption budget) are in
# ../k8s-workloads (workloads.tf); this is what puts them behind this cloud's load balancer.

# Backend of the Application Gateway: an internal LB with a static IP (pods live on an overlay network).
resource "kubernetes_service_v1" "frontend" {
  metadata {
    name      = "ws-frontend"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
    annotations = {
      "service.beta.kubernetes.io/azure-load-balancer-internal"        = "true"
      "service.beta.kubernetes.io/azure-load-balancer-internal-subnet" = azurerm_subnet.ilb.name
      "service.beta.kubernetes.io/azure-load-balancer-ipv4"            = local.frontend_ilb_ip
    }
  }
  spec {
    type = "LoadBalancer"
    # Only the Application Gateway subnet talks to the frontends.
    load_balancer_source_ranges = [local.appgw_subnet_cidr]
    selector                    = module.workloads.frontend_labels
    port {
      name        = "http"
      port        = local.http_port
      target_port = local.http_port
    }
  }

  depends_on = [azurerm_role_assignment.aks_network]
}
