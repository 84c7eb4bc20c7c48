output "cloud_id" {
  description = "Id of this site (MirrorMaker 2 alias, FABRIC_CLOUD)."
  value       = var.cloud_id
}

output "region" {
  description = "Region of this site."
  value       = var.region
}

output "kafka_bootstrap" {
  description = "SASL_SSL bootstrap address of the Managed Kafka cluster, for local clients and the peers' MirrorMaker 2 (over private links)."
  value       = local.kafka_bootstrap
}

output "kafka_security_protocol" {
  description = "security.protocol a client (or a peer's MirrorMaker 2) uses with kafka_bootstrap."
  value       = "SASL_SSL"
}

output "kafka_sasl_mechanism" {
  description = "SASL mechanism of kafka_bootstrap. Peers need the service account's JAAS line in their own secret store."
  value       = "PLAIN"
}

output "kafka_client_service_account" {
  description = "Service account the fabric authenticates to Managed Kafka as; create its key into kafka_sasl_secret_ref."
  value       = google_service_account.fabric.email
}

output "lb_dns_name" {
  description = "DNS name of the load balancer; null on GCP (use lb_ip)."
  value       = null
}

output "lb_zone_id" {
  description = "Route 53 alias zone id; null outside AWS."
  value       = null
}

output "lb_ip" {
  description = "Static external IP of the regional HTTPS load balancer."
  value       = google_compute_address.lb.address
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
  description = "Address space of the site's VPC, for the peers' peer_cidrs and the VPN between sites."
  value       = var.network_cidr
}

output "fabric_env" {
  description = "Non-secret environment every frontend of this site gets. Each pod adds FABRIC_NODE_ID (its name) and FABRIC_HAZELCAST_HOST (its IP); the secrets come from the fabric-secrets Kubernetes Secret."
  value       = local.frontend_env
}

output "kubernetes_endpoint" {
  description = "GKE control plane endpoint, for the caller's kubernetes provider (host = https://<this>)."
  value       = google_container_cluster.this.endpoint
}

output "kubernetes_ca_certificate" {
  description = "Base64 CA certificate of the GKE cluster, for the caller's kubernetes provider."
  value       = google_container_cluster.this.master_auth[0].cluster_ca_certificate
}

output "mirror_env" {
  description = "Non-secret environment of this site's MirrorMaker 2 (fabric mirror): every cluster of the fabric and its per-cluster settings file."
  value       = module.mirror_config.env
}
