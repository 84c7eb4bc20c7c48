output "global_url" {
  description = "URL for clients: resolves to the nearest healthy site."
  value       = module.global_routing.global_url
}

output "site_urls" {
  description = "WebSocket URL of each site, for tests that must hit one cloud."
  value = {
    aws = module.aws_site.frontend_url
    gcp = module.gcp_site.frontend_url
  }
}

output "kafka_bootstrap" {
  description = "Kafka bootstrap of each site (backends publish to their own site's fabric.ingress)."
  value = {
    aws = module.aws_site.kafka_bootstrap
    gcp = module.gcp_site.kafka_bootstrap
  }
}

output "fabric_env" {
  description = "Non-secret fabric configuration the frontends of each site get."
  value = {
    aws = module.aws_site.fabric_env
    gcp = module.gcp_site.fabric_env
  }
}

output "gcp_kafka_client_service_account" {
  description = "Service account whose key goes into the GCP Kafka SASL secrets."
  value       = module.gcp_site.kafka_client_service_account
}

output "mirror_env" {
  description = "Non-secret configuration of each site's MirrorMaker 2 (fabric mirror)."
  value = {
    aws = module.aws_site.mirror_env
    gcp = module.gcp_site.mirror_env
  }
}
