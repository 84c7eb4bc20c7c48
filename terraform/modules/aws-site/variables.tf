# Inputs shared by every site module (aws-site, gcp-site, azure-site) come first;
# AWS-only sizing knobs follow, all with safe defaults.

variable "cloud_id" {
  description = "Short id of this site. Used as the MirrorMaker 2 cluster alias, so it prefixes mirrored topics (<cloud_id>.fabric.events) and becomes FABRIC_CLOUD."
  type        = string

  validation {
    # No dots: MM2 joins alias and topic with a dot; lower case keeps DNS/tag rules happy.
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.cloud_id))
    error_message = "cloud_id must be 1-31 chars of a-z, 0-9 and '-', starting with a letter (no dots)."
  }
  validation {
    # "<name_prefix>-<cloud_id>-frontend" must fit the 32-character ALB and target group names.
    condition     = length(var.name_prefix) + length(var.cloud_id) <= 22
    error_message = "name_prefix and cloud_id together must not exceed 22 characters (AWS load balancer name limit)."
  }
}

variable "region" {
  description = "AWS region of this site, e.g. eu-west-1. Becomes FABRIC_REGION."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1."
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
  description = "CIDR of the site's VPC. Must not overlap any peer site: Kafka replication runs over private links between sites."
  type        = string
  default     = "10.10.0.0/16"

  validation {
    condition     = can(cidrhost(var.network_cidr, 0)) && tonumber(split("/", var.network_cidr)[1]) <= 20
    error_message = "network_cidr must be a valid IPv4 CIDR of /20 or larger."
  }
}

variable "peer_sites" {
  description = "Every other site of the fabric. MirrorMaker 2 here pulls fabric.events and fabric.members from each peer's Kafka. kafka_sasl_secret_ref is an AWS Secrets Manager ARN holding the peer's sasl.jaas.config line (only for SASL peers)."
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
  description = "Private CIDRs of the peer sites (reached over VPN/interconnect). Their MirrorMaker 2 may read this site's Kafka."
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
  description = "Minimum number of ws-frontend instances."
  type        = number
  default     = 2

  validation {
    condition     = var.frontend_min_count >= 1 && floor(var.frontend_min_count) == var.frontend_min_count
    error_message = "frontend_min_count must be a whole number >= 1."
  }
}

variable "frontend_max_count" {
  description = "Maximum number of ws-frontend instances the autoscaler may reach."
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
  description = "Number of sequencer (bridge) instances; Kafka Streams spreads ingress partitions over them."
  type        = number
  default     = 2

  validation {
    condition     = var.bridge_count >= 1 && var.bridge_count <= 12
    error_message = "bridge_count must be between 1 and 12."
  }
}

variable "mirror_count" {
  description = "MirrorMaker 2 instances of this site (0 when there are no peer sites). Only 1 is accepted: a second MirrorMaker 2 process on the same flows joins the same worker groups and does not hand its tasks back reliably (docs/operations.md, \"Where to run it\")."
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

variable "tls_certificate_ref" {
  description = "ARN of the ACM certificate (in this region) for the HTTPS/WSS listener. It should cover public_hostname and the global name."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.tls_certificate_ref))
    error_message = "tls_certificate_ref must be an ACM certificate ARN."
  }
}

variable "jwt_secret_ref" {
  description = "ARN of the Secrets Manager secret holding the JWT HMAC key (FABRIC_JWT_SECRET). Read by the instances at boot, never by Terraform."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.jwt_secret_ref))
    error_message = "jwt_secret_ref must be a Secrets Manager secret ARN."
  }
}

variable "api_keys_secret_ref" {
  description = "ARN of the Secrets Manager secret holding the comma-separated publish API keys (FABRIC_API_KEYS)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.api_keys_secret_ref))
    error_message = "api_keys_secret_ref must be a Secrets Manager secret ARN."
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

variable "idle_timeout_seconds" {
  description = "Load balancer idle timeout. WebSockets idle between messages; the client pings well within this."
  type        = number
  default     = 3600

  validation {
    condition     = var.idle_timeout_seconds >= 60 && var.idle_timeout_seconds <= 4000
    error_message = "idle_timeout_seconds must be between 60 and 4000 (ALB limit)."
  }
}

variable "drain_seconds" {
  description = "Time a frontend gets after SIGTERM to send reconnect hints and close its clients (also the target group deregistration delay)."
  type        = number
  default     = 60

  validation {
    condition     = var.drain_seconds >= 0 && var.drain_seconds <= 900
    error_message = "drain_seconds must be between 0 and 900."
  }
}

variable "session_stickiness" {
  description = "Pin a client's HTTP requests (and reconnects) to one frontend with an LB cookie. Not needed for correctness: Hazelcast shares session state."
  type        = bool
  default     = false
}

variable "frontend_instance_type" {
  description = "EC2 instance type of the frontends."
  type        = string
  default     = "c7i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.frontend_instance_type))
    error_message = "frontend_instance_type must be an EC2 instance type such as c7i.large."
  }
}

variable "worker_instance_type" {
  description = "EC2 instance type of the bridge and MirrorMaker 2 instances."
  type        = string
  default     = "m7i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.worker_instance_type))
    error_message = "worker_instance_type must be an EC2 instance type such as c7i.large."
  }
}

variable "kafka_version" {
  description = "Amazon MSK Kafka version."
  type        = string
  default     = "3.8.x"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.([0-9]+|x)(\\.tiered)?$", var.kafka_version))
    error_message = "kafka_version must be an MSK Kafka version such as 3.8.x or 3.6.0."
  }
}

variable "kafka_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"

  validation {
    condition     = startswith(var.kafka_broker_instance_type, "kafka.")
    error_message = "kafka_broker_instance_type must be an MSK type such as kafka.m7g.large."
  }
}

variable "kafka_brokers_per_az" {
  description = "MSK brokers in each of the three availability zones."
  type        = number
  default     = 1

  validation {
    condition     = var.kafka_brokers_per_az >= 1 && var.kafka_brokers_per_az <= 10
    error_message = "kafka_brokers_per_az must be between 1 and 10."
  }
}

variable "kafka_volume_size_gb" {
  description = "EBS storage per MSK broker, in GiB."
  type        = number
  default     = 200

  validation {
    condition     = var.kafka_volume_size_gb >= 10 && var.kafka_volume_size_gb <= 16384
    error_message = "kafka_volume_size_gb must be between 10 and 16384."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
