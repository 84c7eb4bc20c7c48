# The site's own Kafka and its peers, as the *-site modules know them.

variable "cloud_id" {
  description = "Id of this site: its cluster's alias in MirrorMaker 2 (prefix of the topics mirrored from it)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.cloud_id))
    error_message = "cloud_id must be 1-31 chars of a-z, 0-9 and '-', starting with a letter (no dots)."
  }
}

variable "kafka_bootstrap" {
  description = "Bootstrap servers of this site's Kafka cluster."
  type        = string

  validation {
    condition     = length(var.kafka_bootstrap) > 0
    error_message = "kafka_bootstrap must not be empty."
  }
}

variable "kafka_security_protocol" {
  description = "security.protocol of this site's Kafka cluster."
  type        = string

  validation {
    condition     = contains(["PLAINTEXT", "SSL", "SASL_SSL"], var.kafka_security_protocol)
    error_message = "kafka_security_protocol must be PLAINTEXT, SSL or SASL_SSL."
  }
}

variable "kafka_sasl_mechanism" {
  description = "SASL mechanism of this site's Kafka cluster, null without SASL."
  type        = string
  default     = null

  validation {
    condition     = var.kafka_sasl_mechanism == null || contains(["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"], coalesce(var.kafka_sasl_mechanism, "PLAIN"))
    error_message = "kafka_sasl_mechanism must be PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER."
  }
}

variable "kafka_sasl_secret_ref" {
  description = "Reference (in the site's secret store) to the sasl.jaas.config line of this site's Kafka, null without SASL."
  type        = string
  default     = null

  validation {
    # Terraform's || does not short-circuit, hence the comparisons instead of a guarded lookup.
    condition     = var.kafka_security_protocol != "SASL_SSL" || (var.kafka_sasl_mechanism != null && var.kafka_sasl_secret_ref != null)
    error_message = "A SASL_SSL cluster needs kafka_sasl_mechanism and kafka_sasl_secret_ref."
  }
}

variable "peer_sites" {
  description = "Every other site of the fabric (the *-site modules' peer_sites, already validated there)."
  type = list(object({
    cloud_id                = string
    kafka_bootstrap         = string
    kafka_security_protocol = optional(string, "SSL")
    kafka_sasl_mechanism    = optional(string)
    kafka_sasl_secret_ref   = optional(string)
  }))

  validation {
    condition     = alltrue([for p in var.peer_sites : p.cloud_id != var.cloud_id])
    error_message = "peer_sites must not contain this site's own cloud_id."
  }
}

variable "config_path" {
  description = "Where the mirror container finds the per-cluster settings file (mirror.clusters.config)."
  type        = string

  validation {
    condition     = startswith(var.config_path, "/")
    error_message = "config_path must be an absolute path."
  }
}

variable "http_port" {
  description = "Port of the mirror's /metrics, /health/live and /health/ready."
  type        = number
  default     = 9390

  validation {
    condition     = var.http_port >= 1 && var.http_port <= 65535
    error_message = "http_port must be a TCP port."
  }
}
