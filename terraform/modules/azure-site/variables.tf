# Inputs shared by every site module (aws-site, gcp-site, azure-site) come first;
# Azure-only inputs follow: references without defaults, sizing knobs with defaults.

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
  description = "Address space of the site's VNet (AKS nodes, Application Gateway and internal LB subnets are carved from it). Must not overlap any peer site: Kafka replication runs over private links between sites."
  type        = string
  default     = "10.30.0.0/16"

  validation {
    condition     = can(cidrhost(var.network_cidr, 0)) && tonumber(split("/", var.network_cidr)[1]) <= 20
    error_message = "network_cidr must be a valid IPv4 CIDR of /20 or larger."
  }
}

variable "peer_sites" {
  description = "Every other site of the fabric. MirrorMaker 2 here pulls fabric.events and fabric.members from each peer's Kafka. kafka_sasl_secret_ref is a Key Vault secret id (in key_vault_id) holding the peer's sasl.jaas.config line (only for SASL peers)."
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
  description = "Private CIDRs of the peer sites (reached over VPN/interconnect). Their MirrorMaker 2 may read this site's Kafka through the brokers' internal load balancers."
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

variable "allowed_client_cidrs" {
  description = "CIDRs allowed to reach the public HTTPS/WSS listener."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.allowed_client_cidrs) > 0 && alltrue([for c in var.allowed_client_cidrs : can(cidrhost(c, 0))])
    error_message = "allowed_client_cidrs must be a non-empty list of IPv4 CIDRs."
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
  description = "Pin a client's HTTP requests (and reconnects) to one frontend with the Application Gateway affinity cookie. Not needed for correctness: Hazelcast shares session state."
  type        = bool
  default     = false
}

variable "region" {
  description = "Azure region (location) of this site, e.g. westeurope. Becomes FABRIC_REGION."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+[a-z0-9]*$", var.region))
    error_message = "region must be an Azure location name such as westeurope (no spaces)."
  }
}

variable "key_vault_id" {
  description = "Resource id of the Key Vault (RBAC authorization) that holds the TLS certificate and the fabric secrets."
  type        = string

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.KeyVault/vaults/[^/]+$", var.key_vault_id))
    error_message = "key_vault_id must be a Key Vault resource id."
  }
}

variable "tls_certificate_ref" {
  description = "Key Vault secret id of the TLS certificate (a Key Vault certificate's secret) for the HTTPS/WSS listener. It should cover public_hostname and the global name."
  type        = string

  validation {
    condition     = can(regex("^https://[a-z0-9-]+\\.vault\\.azure\\.net/secrets/[A-Za-z0-9-]+/?$", var.tls_certificate_ref))
    error_message = "tls_certificate_ref must be a versionless Key Vault secret id (https://VAULT.vault.azure.net/secrets/NAME)."
  }
}

variable "jwt_secret_ref" {
  description = "Key Vault secret id holding the JWT HMAC key (FABRIC_JWT_SECRET)."
  type        = string

  validation {
    condition     = can(regex("^https://[a-z0-9-]+\\.vault\\.azure\\.net/secrets/[A-Za-z0-9-]+/?$", var.jwt_secret_ref))
    error_message = "jwt_secret_ref must be a versionless Key Vault secret id (https://VAULT.vault.azure.net/secrets/NAME)."
  }
}

variable "api_keys_secret_ref" {
  description = "Key Vault secret id holding the comma-separated publish API keys (FABRIC_API_KEYS)."
  type        = string

  validation {
    condition     = can(regex("^https://[a-z0-9-]+\\.vault\\.azure\\.net/secrets/[A-Za-z0-9-]+/?$", var.api_keys_secret_ref))
    error_message = "api_keys_secret_ref must be a versionless Key Vault secret id (https://VAULT.vault.azure.net/secrets/NAME)."
  }
}

variable "idle_timeout_seconds" {
  description = "Application Gateway backend request timeout, long enough for idle WebSockets."
  type        = number
  default     = 3600

  validation {
    condition     = var.idle_timeout_seconds >= 60 && var.idle_timeout_seconds <= 86400
    error_message = "idle_timeout_seconds must be between 60 and 86400."
  }
}

variable "node_vm_size" {
  description = "VM size of the AKS nodes (frontends, workers and Kafka brokers share the pool)."
  type        = string
  default     = "Standard_D4s_v5"

  validation {
    condition     = startswith(var.node_vm_size, "Standard_")
    error_message = "node_vm_size must be an Azure VM size such as Standard_D4s_v5."
  }
}

variable "node_min_count" {
  description = "Minimum AKS node count (cluster autoscaler)."
  type        = number
  default     = 3

  validation {
    condition     = var.node_min_count >= 3
    error_message = "node_min_count must be at least 3 (one Kafka broker per zone)."
  }
}

variable "node_max_count" {
  description = "Maximum AKS node count (cluster autoscaler)."
  type        = number
  default     = 12

  validation {
    condition     = var.node_max_count >= var.node_min_count
    error_message = "node_max_count must be >= node_min_count."
  }
}

variable "kafka_image" {
  description = "Apache Kafka container image for the self-managed KRaft brokers."
  type        = string
  default     = "apache/kafka:4.3.1"

  validation {
    condition     = can(regex(":[0-9]+\\.[0-9]+\\.[0-9]+$", var.kafka_image))
    error_message = "kafka_image must carry a pinned x.y.z tag."
  }
}

variable "kafka_broker_count" {
  description = "Number of combined broker+controller Kafka nodes (odd, for a KRaft quorum)."
  type        = number
  default     = 3

  validation {
    condition     = contains([3, 5], var.kafka_broker_count)
    error_message = "kafka_broker_count must be 3 or 5."
  }
}

variable "kafka_storage_gb" {
  description = "Premium managed disk per Kafka broker, in GiB."
  type        = number
  default     = 256

  validation {
    condition     = var.kafka_storage_gb >= 32
    error_message = "kafka_storage_gb must be at least 32."
  }
}

variable "appgw_min_capacity" {
  description = "Minimum Application Gateway v2 capacity units."
  type        = number
  default     = 1

  validation {
    condition     = var.appgw_min_capacity >= 0 && var.appgw_min_capacity <= 125
    error_message = "appgw_min_capacity must be between 0 and 125."
  }
}

variable "appgw_max_capacity" {
  description = "Maximum Application Gateway v2 capacity units."
  type        = number
  default     = 10

  validation {
    condition     = var.appgw_max_capacity >= var.appgw_min_capacity && var.appgw_max_capacity <= 125
    error_message = "appgw_max_capacity must be >= appgw_min_capacity and <= 125."
  }
}

variable "frontend_cpu" {
  description = "CPU request of a frontend pod."
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
  description = "Kubernetes namespace of the fabric workloads and the Kafka brokers."
  type        = string
  default     = "syncfabric"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a valid Kubernetes namespace name."
  }
}

variable "tags" {
  description = "Tags added to every Azure resource."
  type        = map(string)
  default     = {}
}
