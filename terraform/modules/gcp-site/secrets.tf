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
