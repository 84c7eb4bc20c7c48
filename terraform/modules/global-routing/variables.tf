variable "zone_id" {
  description = "Route 53 public hosted zone that holds the global name and the per-site names."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,32}$", var.zone_id))
    error_message = "zone_id must be a Route 53 hosted zone id (Z...)."
  }
}

variable "global_hostname" {
  description = "Name clients use, e.g. ws.example.com. Latency records send each client to the nearest healthy site."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.global_hostname))
    error_message = "global_hostname must be a lower-case DNS name."
  }
}

variable "sites" {
  description = "Every site: its id, the AWS region used as its latency anchor (nearest AWS region for GCP/Azure sites), its public host name, and its load balancer as lb_ip or lb_dns_name + lb_zone_id (AWS alias)."
  type = list(object({
    cloud_id        = string
    latency_region  = string
    public_hostname = string
    lb_ip           = optional(string)
    lb_dns_name     = optional(string)
    lb_zone_id      = optional(string)
  }))

  validation {
    condition     = length(var.sites) >= 1
    error_message = "sites must list at least one site."
  }
  validation {
    condition     = length(distinct([for s in var.sites : s.cloud_id])) == length(var.sites)
    error_message = "sites must not repeat a cloud_id (it is the record set identifier)."
  }
  validation {
    # All latency records of one name must share a type: A (plain for IPs, alias for AWS LBs).
    condition     = alltrue([for s in var.sites : s.lb_ip != null || (s.lb_dns_name != null && s.lb_zone_id != null)])
    error_message = "each site needs lb_ip, or lb_dns_name together with lb_zone_id."
  }
  validation {
    condition     = alltrue([for s in var.sites : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", s.latency_region))])
    error_message = "latency_region must be an AWS region name such as eu-west-1."
  }
}

variable "health_check_path" {
  description = "Path Route 53 probes on each site over HTTPS. A site that fails it leaves the answer set."
  type        = string
  default     = "/health/ready"

  validation {
    condition     = startswith(var.health_check_path, "/")
    error_message = "health_check_path must start with '/'."
  }
}

variable "health_check_interval" {
  description = "Seconds between Route 53 probes from each checker (10 = fast, 30 = standard)."
  type        = number
  default     = 10

  validation {
    condition     = contains([10, 30], var.health_check_interval)
    error_message = "health_check_interval must be 10 or 30."
  }
}

variable "health_check_failure_threshold" {
  description = "Consecutive failed probes before a site counts as down."
  type        = number
  default     = 3

  validation {
    condition     = var.health_check_failure_threshold >= 1 && var.health_check_failure_threshold <= 10
    error_message = "health_check_failure_threshold must be between 1 and 10."
  }
}

variable "ttl" {
  description = "TTL of the non-alias records, in seconds. Short, so a dark site leaves clients' caches quickly."
  type        = number
  default     = 30

  validation {
    condition     = var.ttl >= 5 && var.ttl <= 300
    error_message = "ttl must be between 5 and 300."
  }
}

variable "tags" {
  description = "Tags added to the health checks."
  type        = map(string)
  default     = {}
}
