# Inputs shared by every site module (aws-site, gcp-site, azure-site) come first;
# GCP-only inputs follow: references without defaults, sizing knobs with defaults.

variable "cloud_id" {
  description = "Short id of this site. Used as the MirrorMaker 2 cluster alias, so it prefixes mirrored topics (<cloud_id>.fabric.events) and becomes FABRIC_CLOUD."
  type        = string

  validation {
    # No dots: MM2 joins alias and topic with a dot; lower case keeps DNS/tag rules happy.
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.cloud_id))
    error_message = "cloud_id must be 1-31 chars of a-z, 0-9 and '-', starting with a letter (no dots)."
  }
}

variable "name_prefix" {
  description = "Prefix for resource names, so several fabrics can share an account."
  type        = string
  default     = "syncfabric"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name_prefix))
    error_message = "name_prefix must be 2-21 chars of a-z, 0-9 and '-', starting with a letter."
  }
}

variable "network_cidr" {
  description = "Address space of the site's VPC: nodes (and Kafka's PSC endpoints) use the lower half, the LB proxy-only subnet a /23 at the top. Pods and services use secondary ranges in 100.64.0.0/10. Must not overlap any peer site: Kafka replication runs over private links between sites."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.network_cidr, 0)) && tonumber(split("/", var.network_cidr)[1]) <= 20
    error_message = "network_cidr must be a valid IPv4 CIDR of /20 or larger."
  }
}

variable "peer_sites" {
  description = "Every other site of the fabric. MirrorMaker 2 here pulls fabric.events and fabric.members from each peer's Kafka. kafka_sasl_secret_ref is a Secret Manager secret (projects/P/secrets/NAME) holding the peer's sasl.jaas.config line (only for SASL peers)."
  type = list(object({
    cloud_id                = string
    kafka_bootstrap         = string
    kafka_security_protocol = optional(string, "SSL")
    kafka_sasl_mechanism    = optional(string)
    kafka_sasl_secret_ref   = optional(string)
  }))
  default = []

  validation {
    condition     = length(distinct([for p in var.peer_sites : p.cloud_id])) == length(var.peer_sites)
    error_message = "peer_sites must not list the same cloud_id twice."
  }
  validation {
    condition     = alltrue([for p in var.peer_sites : p.cloud_id != var.cloud_id])
    error_message = "peer_sites must not contain this site's own cloud_id."
  }
  validation {
    condition     = alltrue([for p in var.peer_sites : contains(["PLAINTEXT", "SSL", "SASL_SSL"], p.kafka_security_protocol)])
    error_message = "kafka_security_protocol must be PLAINTEXT, SSL or SASL_SSL."
  }
  validation {
    condition     = alltrue([for p in var.peer_sites : p.kafka_security_protocol != "SASL_SSL" || (p.kafka_sasl_secret_ref != null && p.kafka_sasl_mechanism != null)])
    error_message = "A SASL_SSL peer needs kafka_sasl_mechanism and kafka_sasl_secret_ref."
  }
}

variable "peer_cidrs" {
  description = "Private CIDRs of the peer sites (reached over VPN/interconnect). Kept for interface parity: Managed Kafka is reached through Private Service Connect and authorizes clients with IAM (SASL), not by source address."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.peer_cidrs : can(cidrhost(c, 0))])
    error_message = "peer_cidrs must contain valid IPv4 CIDRs."
  }
}

variable "image_repository" {
  description = "Container image repository of the fabric (entrypoint: the fabric launcher), e.g. ghcr.io/acme/syncfabric."
  type        = string

  validation {
    condition     = length(var.image_repository) > 0 && !strcontains(var.image_repository, "@")
    error_message = "image_repository must be a repository without tag or digest."
  }
}

variable "image_tag" {
  description = "Image tag to run. A fixed version: 'latest' would make every scale-out a silent upgrade."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a valid, pinned tag (not 'latest')."
  }
}

variable "frontend_min_count" {
  description = "Minimum number of ws-frontend pods."
  type        = number
  default     = 2

  validation {
    condition     = var.frontend_min_count >= 1 && floor(var.frontend_min_count) == var.frontend_min_count
    error_message = "frontend_min_count must be a whole number >= 1."
  }
}

variable "frontend_max_count" {
  description = "Maximum number of ws-frontend pods the autoscaler may reach."
  type        = number
  default     = 10

  validation {
    condition     = var.frontend_max_count >= var.frontend_min_count
    error_message = "frontend_max_count must be >= frontend_min_count."
  }
}

variable "frontend_cpu_target_percent" {
  description = "Average CPU the autoscaler keeps the frontends at. Lower means more headroom for connection spikes (cold starts hurt)."
  type        = number
  default     = 55

  validation {
    condition     = var.frontend_cpu_target_percent >= 10 && var.frontend_cpu_target_percent <= 90
    error_message = "frontend_cpu_target_percent must be between 10 and 90."
  }
}

variable "bridge_count" {
  description = "Number of sequencer (bridge) pods; Kafka Streams spreads ingress partitions over them."
  type        = number
  default     = 2

  validation {
    condition     = var.bridge_count >= 1 && var.bridge_count <= 12
    error_message = "bridge_count must be between 1 and 12."
  }
}

variable "mirror_count" {
  description = "MirrorMaker 2 pods of this site (0 when there are no peer sites). Only 1 is accepted: a second MirrorMaker 2 process on the same flows joins the same worker groups and does not hand its tasks back reliably (docs/operations.md, \"Where to run it\")."
  type        = number
  default     = 1

  validation {
    condition     = var.mirror_count == 1
    error_message = "mirror_count must be 1: two MirrorMaker 2 processes on the same flows do not hand tasks back reliably (docs/operations.md). Restart a failed mirror instead of running a second one."
  }
}

variable "public_hostname" {
  description = "DNS name of this site's load balancer that clients and discovery use, e.g. aws-eu.ws.example.com. Must be covered by the TLS certificate."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.public_hostname))
    error_message = "public_hostname must be a lower-case DNS name."
  }
}

variable "drain_seconds" {
  description = "Time a frontend gets after SIGTERM to send reconnect hints and close its clients (pod terminationGracePeriodSeconds is this plus 15 s)."
  type        = number
  default     = 60

  validation {
    condition     = var.drain_seconds >= 0 && var.drain_seconds <= 900
    error_message = "drain_seconds must be between 0 and 900."
  }
}

variable "session_stickiness" {
  description = "Pin a client's HTTP requests (and reconnects) to one frontend with a generated LB cookie. Not needed for correctness: Hazelcast shares session state."
  type        = bool
  default     = false
}

variable "region" {
  description = "Google Cloud region of this site, e.g. europe-west1. Becomes FABRIC_REGION."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region name such as europe-west1."
  }
}

variable "project_id" {
  description = "Google Cloud project that holds the site."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project id."
  }
}

variable "tls_certificate_ref" {
  description = "Regional SSL certificate (projects/P/regions/R/sslCertificates/NAME) for the HTTPS/WSS listener. It should cover public_hostname and the global name."
  type        = string

  validation {
    condition     = can(regex("^(https://www.googleapis.com/compute/v1/)?projects/[^/]+/regions/[^/]+/sslCertificates/[^/]+$", var.tls_certificate_ref))
    error_message = "tls_certificate_ref must be a regional sslCertificates resource path."
  }
}

variable "jwt_secret_ref" {
  description = "Secret Manager secret (projects/P/secrets/NAME) holding the JWT HMAC key (FABRIC_JWT_SECRET)."
  type        = string

  validation {
    condition     = can(regex("^projects/[^/]+/secrets/[^/]+$", var.jwt_secret_ref))
    error_message = "jwt_secret_ref must look like projects/P/secrets/NAME."
  }
}

variable "api_keys_secret_ref" {
  description = "Secret Manager secret (projects/P/secrets/NAME) holding the comma-separated publish API keys (FABRIC_API_KEYS)."
  type        = string

  validation {
    condition     = can(regex("^projects/[^/]+/secrets/[^/]+$", var.api_keys_secret_ref))
    error_message = "api_keys_secret_ref must look like projects/P/secrets/NAME."
  }
}

variable "kafka_sasl_secret_ref" {
  description = "Secret Manager secret (projects/P/secrets/NAME) holding the sasl.jaas.config line (PlainLoginModule, user = the fabric service account, password = its base64 key) this site's clients use with Managed Kafka."
  type        = string

  validation {
    condition     = can(regex("^projects/[^/]+/secrets/[^/]+$", var.kafka_sasl_secret_ref))
    error_message = "kafka_sasl_secret_ref must look like projects/P/secrets/NAME."
  }
}

variable "allowed_client_cidrs" {
  description = "CIDRs allowed to reach the public HTTPS/WSS listener. Enforced by a Cloud Armor policy on the load balancer's backend service (clients from elsewhere get 403)."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.allowed_client_cidrs) > 0 && alltrue([for c in var.allowed_client_cidrs : can(cidrhost(c, 0))])
    error_message = "allowed_client_cidrs must be a non-empty list of IPv4 CIDRs."
  }
}

variable "idle_timeout_seconds" {
  description = "Backend service timeout. On Google's Application Load Balancers this caps a WebSocket's whole lifetime; clients then resume with recovered: true."
  type        = number
  default     = 3600

  validation {
    condition     = var.idle_timeout_seconds >= 60 && var.idle_timeout_seconds <= 86400
    error_message = "idle_timeout_seconds must be between 60 and 86400."
  }
}

variable "kafka_vcpu_count" {
  description = "vCPUs of the Managed Kafka cluster (3 or more)."
  type        = number
  default     = 3

  validation {
    condition     = var.kafka_vcpu_count >= 3
    error_message = "kafka_vcpu_count must be at least 3."
  }
}

variable "kafka_memory_gib_per_vcpu" {
  description = "Memory of the Managed Kafka cluster per vCPU, in GiB (the service allows 1 to 8)."
  type        = number
  default     = 4

  validation {
    condition     = var.kafka_memory_gib_per_vcpu >= 1 && var.kafka_memory_gib_per_vcpu <= 8
    error_message = "kafka_memory_gib_per_vcpu must be between 1 and 8."
  }
}

variable "frontend_cpu" {
  description = "CPU request of a frontend pod (Autopilot bills requests)."
  type        = string
  default     = "1"

  validation {
    condition     = can(regex("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$", var.frontend_cpu))
    error_message = "frontend_cpu must be a Kubernetes CPU quantity such as 1, 0.5 or 500m."
  }
}

variable "frontend_memory" {
  description = "Memory request and limit of a frontend pod."
  type        = string
  default     = "2Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.frontend_memory))
    error_message = "frontend_memory must be a Kubernetes memory quantity in Mi or Gi, such as 2Gi."
  }
}

variable "worker_cpu" {
  description = "CPU request of a bridge or MirrorMaker 2 pod."
  type        = string
  default     = "1"

  validation {
    condition     = can(regex("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$", var.worker_cpu))
    error_message = "worker_cpu must be a Kubernetes CPU quantity such as 1, 0.5 or 500m."
  }
}

variable "worker_memory" {
  description = "Memory request and limit of a bridge or MirrorMaker 2 pod."
  type        = string
  default     = "2Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.worker_memory))
    error_message = "worker_memory must be a Kubernetes memory quantity in Mi or Gi, such as 2Gi."
  }
}

variable "namespace" {
  description = "Kubernetes namespace of the fabric workloads."
  type        = string
  default     = "syncfabric"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a valid Kubernetes namespace name."
  }
}

variable "deletion_protection" {
  description = "Protect the GKE cluster from terraform destroy."
  type        = bool
  default     = true
}

variable "labels" {
  description = "Labels added to every Google Cloud resource that takes labels."
  type        = map(string)
  default     = {}
}
