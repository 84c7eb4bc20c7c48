output "frontend_labels" {
  description = "Labels of the frontend pods, for the site's load-balancer service selector."
  value       = local.frontend_labels
}

output "frontend_deployment" {
  description = "Name of the frontend Deployment."
  value       = kubernetes_deployment_v1.frontend.metadata[0].name
}
