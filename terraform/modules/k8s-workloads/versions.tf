terraform {
  required_version = ">= 1.9.0"

  required_providers {
    # The calling site's kubernetes provider (GKE or AKS), inherited implicitly.
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
  }
}
