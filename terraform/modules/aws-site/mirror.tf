# What this site's MirrorMaker 2 (fabric mirror) is told: every cluster of the fabric, this MSK
# cluster included, and each one's client settings (../mirror-config).
module "mirror_config" {
  source = "../mirror-config"

  cloud_id                = var.cloud_id
  kafka_bootstrap         = aws_msk_cluster.this.bootstrap_brokers_tls
  kafka_security_protocol = "SSL"
  peer_sites              = var.peer_sites
  config_path             = "/etc/fabric/mirror-clusters.properties"
}
