output "global_hostname" {
  description = "Name clients connect to; resolves to the nearest healthy site."
  value       = var.global_hostname
}

output "global_url" {
  description = "WebSocket URL for clients: wss://<global name>/v1/ws."
  value       = "wss://${var.global_hostname}/v1/ws"
}

output "health_check_ids" {
  description = "Route 53 health check id per site (alarm on these)."
  value       = { for k, hc in aws_route53_health_check.site : k => hc.id }
}

output "site_hostnames" {
  description = "Per-site host name per cloud_id."
  value       = { for k, s in local.sites : k => s.public_hostname }
}
