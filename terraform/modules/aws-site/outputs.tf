output "cloud_id" {
  description = "Id of this site (MirrorMaker 2 alias, FABRIC_CLOUD)."
  value       = var.cloud_id
}

output "region" {
  description = "Region of this site."
  value       = var.region
}

output "kafka_bootstrap" {
  description = "TLS bootstrap brokers of this site's MSK cluster, for local clients and the peers' MirrorMaker 2."
  value       = aws_msk_cluster.this.bootstrap_brokers_tls
}

output "kafka_security_protocol" {
  description = "security.protocol a client (or a peer's MirrorMaker 2) uses with kafka_bootstrap."
  value       = "SSL"
}

output "kafka_sasl_mechanism" {
  description = "SASL mechanism of kafka_bootstrap, null when the cluster needs no SASL."
  value       = null
}

output "lb_dns_name" {
  description = "DNS name of the Application Load Balancer."
  value       = aws_lb.this.dns_name
}

output "lb_zone_id" {
  description = "Route 53 zone id of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}

output "lb_ip" {
  description = "Static IP of the load balancer; null on AWS (ALB addresses change, use lb_dns_name)."
  value       = null
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
  description = "CIDR of the site's VPC, for the peers' peer_cidrs and the VPN between sites."
  value       = var.network_cidr
}

output "fabric_env" {
  description = "Non-secret environment every frontend of this site gets. The boot script adds FABRIC_NODE_ID, FABRIC_HAZELCAST_HOST and FABRIC_HAZELCAST_MEMBERS per instance, and FABRIC_JWT_SECRET and FABRIC_API_KEYS from Secrets Manager."
  value       = local.frontend_env
}

output "mirror_env" {
  description = "Non-secret environment of this site's MirrorMaker 2 (fabric mirror): every cluster of the fabric and its per-cluster settings file."
  value       = module.mirror_config.env
}
