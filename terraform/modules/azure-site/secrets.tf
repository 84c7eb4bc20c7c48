# Key Vault secrets copied into one Kubernetes Secret. The values pass through Terraform
# state (marked sensitive): keep state in an encrypted backend with restricted access.
data "azurerm_key_vault_secret" "fabric" {
  for_each     = local.secret_refs
  name         = regex("/secrets/([^/]+)", each.value)[0]
  key_vault_id = var.key_vault_id
}

resource "kubernetes_namespace_v1" "fabric" {
  metadata {
    name = var.namespace
  }
  depends_on = [azurerm_kubernetes_cluster.this]
}

# Environment secrets of the frontends (FABRIC_JWT_SECRET, FABRIC_API_KEYS).
resource "kubernetes_secret_v1" "fabric" {
  metadata {
    name      = "fabric-secrets"
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
  }
  data = { for k in keys(local.env_secret_refs) : k => data.azurerm_key_vault_secret.fabric[k].value }
}

# MirrorMaker 2's per-cluster client settings, mounted as a file (mirror.clusters.config): a
# Secret because the SASL peers' JAAS lines are in it.
resource "kubernetes_secret_v1" "mirror_clusters" {
  metadata {
    name      = local.workers.mirror.config.secret_name
    namespace = kubernetes_namespace_v1.fabric.metadata[0].name
  }
  data = {
    (local.mirror_config_key) = join("\n", concat(
      local.mirror_properties,
      [for property in keys(local.mirror_secret_properties) : "${property}=${data.azurerm_key_vault_secret.fabric[property].value}"],
      [""],
    ))
  }
}
