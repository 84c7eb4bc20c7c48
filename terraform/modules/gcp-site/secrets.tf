# Latest version of each referenced secret. The values pass through Terraform state
# (marked sensitive): keep state in an encrypted backend with restricted access.
data "google_secret_manager_secret_version" "fabric" {
  for_each = local.secret_refs
  secret   = each.value
}

resource "kubernetes_namespace_v1" "fabric" {
  metadata {
    name = var.namespace
  }
  depends_on = [google_container_cluster.this]
}

# Environment secrets of the frontends and the bridge (FABRIC_JWT_SECRET, ...).
resource "kubernetes_secret_v1" "fabric" {
  metadata {
    name      = "fabric-secrets"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
  }
  data = { for k in keys(local.env_secret_refs) : k => data.google_secret_manager_secret_version.fabric[k].secret_data }
}

# MirrorMaker 2's per-cluster client settings, mounted as a file (mirror.clusters.config): a
# Secret because the SASL clusters' JAAS lines are in it.
resource "kubernetes_secret_v1" "mirror_clusters" {
  metadata {
    name      = local.workers.mirror.config.secret_name
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
  }
  data = {
    (local.mirror_config_key) = join("\n", concat(
      local.mirror_properties,
      [for property in keys(local.mirror_secret_properties) : "${property}=${data.google_secret_manager_secret_version.fabric[property].secret_data}"],
      [""],
    ))
  }
}
