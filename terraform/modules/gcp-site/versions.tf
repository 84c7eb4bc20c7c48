terraform {
  # 1.9+ lets a validation block refer to other variables (min/max bounds).
  required_version = ">= 1.9.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.10"
    }
    # The Cloud Armor policy of allowed_client_cidrs (lb.tf): regional security policies and a
    # regional backend service's security_policy are in the beta provider for the 6.x line.
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.10"
    }
    # Configured by the caller from this module's kubernetes_* outputs (see README).
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
  }
}
