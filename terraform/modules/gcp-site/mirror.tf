# What this site's MirrorMaker 2 (fabric mirror) is told: every cluster of the fabric, this one
# included, and each one's client settings (../mirror-config), mounted from a Kubernetes Secret.
module "mirror_config" {
  source = "../mirror-config"

  cloud_id                = var.cloud_id
  kafka_bootstrap         = local.kafka_bootstrap
  kafka_security_protocol = "SASL_SSL"
  kafka_sasl_mechanism    = "PLAIN"
  kafka_sasl_secret_ref   = var.kafka_sasl_secret_ref
  peer_sites              = var.peer_sites
  config_path             = "/etc/fabric/mirror/mirror-clusters.properties"
}
