provider "aws" {
  region = var.aws_region
}

provider "google" {
  project = var.gcp_project_id
  region  = var.gcp_region
}

# The GCP site's Cloud Armor policy (allowed_client_cidrs) uses the beta provider.
provider "google-beta" {
  project = var.gcp_project_id
  region  = var.gcp_region
}

data "google_client_config" "current" {}

# Talks to the GKE cluster that module.gcp_site creates (see README if the first plan
# complains that the cluster is not there yet).
provider "kubernetes" {
  alias                  = "gcp"
  host                   = "https://${module.gcp_site.kubernetes_endpoint}"
  token                  = data.google_client_config.current.access_token
  cluster_ca_certificate = base64decode(module.gcp_site.kubernetes_ca_certificate)
}

provider "azurerm" {
  features {}
  subscription_id = var.azure_subscription_id
}

# Talks to the AKS cluster that module.azure_site creates.
provider "kubernetes" {
  alias                  = "azure"
  host                   = module.azure_site.kubernetes_endpoint
  cluster_ca_certificate = base64decode(module.azure_site.kubernetes_ca_certificate)
  client_certificate     = base64decode(module.azure_site.kubernetes_client_certificate)
  client_key             = base64decode(module.azure_site.kubernetes_client_key)
}
