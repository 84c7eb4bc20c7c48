output "env" {
  description = "Non-secret environment of the mirror container: FABRIC_MIRROR_CLUSTERS, FABRIC_MIRROR_CLUSTERS_CONFIG, FABRIC_MIRROR_TARGETS, FABRIC_HTTP_HOST, FABRIC_HTTP_PORT."
  value       = local.env
}

output "properties" {
  description = "Non-secret lines of the per-cluster settings file (<cloud>.security.protocol=..., <cloud>.sasl.mechanism=...)."
  value       = local.properties
}

output "secret_properties" {
  description = "Secret lines of the settings file: property (<cloud>.sasl.jaas.config) => secret reference, for the site to resolve in its own store."
  value       = local.secret_properties
}

output "config_path" {
  description = "Path of the settings file inside the mirror container."
  value       = var.config_path
}
