terraform {
  # Pure computation: no provider, no resource.
  required_version = ">= 1.9.0"
}
