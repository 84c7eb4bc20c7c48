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
