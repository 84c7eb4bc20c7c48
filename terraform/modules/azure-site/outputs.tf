output "cloud_id" {
  description = "Id of this site (MirrorMaker 2 alias, FABRIC_CLOUD)."
  value       = var.cloud_id
}

output "region" {
  description = "Region of this site."
  value       = var.region
}

output "kafka_bootstrap" {
  description = "Bootstrap of the self-managed KRaft cluster: the brokers' static internal LB addresses, for local clients and the peers' MirrorMaker 2 (over private links)."
  value       = local.kafka_bootstrap
}

output "kafka_security_protocol" {
  description = "security.protocol a client (or a peer's MirrorMaker 2) uses with kafka_bootstrap."
  value       = "PLAINTEXT"
}

output "kafka_sasl_mechanism" {
  description = "SASL mechanism of kafka_bootstrap, null when the cluster needs no SASL."
  value       = null
}

output "lb_dns_name" {
  description = "Azure DNS name of the Application Gateway's public IP."
  value       = azurerm_public_ip.lb.fqdn
}

output "lb_zone_id" {
  description = "Route 53 alias zone id; null outside AWS."
  value       = null
}

output "lb_ip" {
  description = "Static public IP of the Application Gateway."
  value       = azurerm_public_ip.lb.ip_address
}

output "public_hostname" {
  description = "Host name the frontends announce in discovery."
  value       = var.public_hostname
}

output "frontend_url" {
  description = "WebSocket URL of this site's frontends."
  value       = local.frontend_url
}

output "network_cidr" {
  description = "Address space of the site's VNet, for the peers' peer_cidrs and the VPN between sites."
  value       = var.network_cidr
}

output "fabric_env" {
  description = "Non-secret environment every frontend of this site gets. Each pod adds FABRIC_NODE_ID (its name) and FABRIC_HAZELCAST_HOST (its IP); the secrets come from the fabric-secrets Kubernetes Secret."
  value       = local.frontend_env
}

output "kubernetes_endpoint" {
  description = "AKS API server URL, for the caller's kubernetes provider."
  value       = azurerm_kubernetes_cluster.this.kube_config[0].host
  sensitive   = true
}

output "kubernetes_ca_certificate" {
  description = "Base64 CA certificate of the AKS cluster, for the caller's kubernetes provider."
  value       = azurerm_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate
  sensitive   = true
}

output "kubernetes_client_certificate" {
  description = "Base64 client certificate of the AKS admin credential, for the caller's kubernetes provider."
  value       = azurerm_kubernetes_cluster.this.kube_config[0].client_certificate
  sensitive   = true
}

output "kubernetes_client_key" {
  description = "Base64 client key of the AKS admin credential, for the caller's kubernetes provider."
  value       = azurerm_kubernetes_cluster.this.kube_config[0].client_key
  sensitive   = true
}

output "mirror_env" {
  description = "Non-secret environment of this site's MirrorMaker 2 (fabric mirror): every cluster of the fabric and its per-cluster settings file."
  value       = module.mirror_config.env
}
