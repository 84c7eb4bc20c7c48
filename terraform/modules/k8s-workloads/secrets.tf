locals {
  # nonsensitive(): the path is not secret, only the file's content is.
  mirror_config_path = nonsensitive(var.mirror_config.path)
}

# Environment secrets of the frontends and workers (FABRIC_JWT_SECRET, ...). The values pass
# through Terraform state (marked sensitive): keep state in an encrypted backend.
resource "kubernetes_secret_v1" "fabric" {
  metadata {
    name      = "fabric-secrets"
    namespace = var.namespace
  }
  data = var.secret_values
}

# MirrorMaker 2's per-cluster client settings, mounted as a file (mirror.clusters.config): a
# Secret because the SASL clusters' JAAS lines are in it.
resource "kubernetes_secret_v1" "mirror_clusters" {
  metadata {
    name      = "fabric-mirror-clusters"
    namespace = var.namespace
  }
  data = { (basename(local.mirror_config_path)) = var.mirror_config.content }
}
