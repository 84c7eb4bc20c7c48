# What a Kubernetes site (gcp-site, azure-site) hands over; the load balancer in front of the
# frontends stays in the site, since that part differs per cloud.

variable "namespace" {
  description = "Namespace the site created for the fabric (it depends on the site's cluster)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a valid Kubernetes namespace name."
  }
}

variable "cloud_id" {
  description = "Id of the site, as a pod label."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.cloud_id))
    error_message = "cloud_id must be 1-31 chars of a-z, 0-9 and '-', starting with a letter."
  }
}

variable "image" {
  description = "Fabric image with a pinned tag (repository:tag)."
  type        = string

  validation {
    condition     = can(regex(":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image)) && !endswith(var.image, ":latest")
    error_message = "image must be repository:tag with a pinned tag (not latest)."
  }
}

variable "http_port" {
  description = "Frontend HTTP/WebSocket port (FABRIC_HTTP_PORT)."
  type        = number

  validation {
    condition     = var.http_port >= 1024 && var.http_port <= 65535
    error_message = "http_port must be an unprivileged TCP port."
  }
}

variable "hazelcast_port" {
  description = "Hazelcast member port (FABRIC_HAZELCAST_PORT)."
  type        = number

  validation {
    condition     = var.hazelcast_port >= 1024 && var.hazelcast_port <= 65535
    error_message = "hazelcast_port must be an unprivileged TCP port."
  }
}

variable "hazelcast_service" {
  description = "Name of the headless service Hazelcast's DNS lookup finds the frontends by (FABRIC_HAZELCAST_KUBERNETES_SERVICE_DNS names it)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", var.hazelcast_service))
    error_message = "hazelcast_service must be a valid Kubernetes service name."
  }
}

variable "frontend_env" {
  description = "Non-secret environment of every frontend (FABRIC_<KEY> => value)."
  type        = map(string)

  validation {
    condition     = alltrue([for k in keys(var.frontend_env) : startswith(k, "FABRIC_")])
    error_message = "frontend_env holds FABRIC_ variables only."
  }
}

variable "secret_values" {
  description = "Environment secrets (FABRIC_<KEY> => value) for the fabric-secrets Kubernetes Secret."
  type        = map(string)
  sensitive   = true

  validation {
    condition     = alltrue([for k in keys(var.secret_values) : startswith(k, "FABRIC_")])
    error_message = "secret_values holds FABRIC_ variables only."
  }
}

variable "frontend_secret_keys" {
  description = "Keys of secret_values every frontend gets as environment variables."
  type        = list(string)

  validation {
    condition     = alltrue([for k in var.frontend_secret_keys : startswith(k, "FABRIC_")])
    error_message = "frontend_secret_keys names FABRIC_ variables only."
  }
}

variable "workers" {
  description = "The sequencer and MirrorMaker 2: per role its replicas, environment, secret keys (of secret_values), HTTP port and liveness path (/health/live or /health/ready), and whether it mounts the mirror settings file. The mirror's Deployment is replaced, not rolled."
  type = map(object({
    replicas             = number
    env                  = map(string)
    secret_keys          = list(string)
    http_port            = number
    health_path          = string
    mounts_mirror_config = bool
  }))

  # The fabric's bridge and mirror HTTP server (BridgeHttpServer) routes only these two health paths.
  validation {
    condition     = alltrue([for w in values(var.workers) : w.replicas >= 0 && contains(["/health/live", "/health/ready"], w.health_path)])
    error_message = "workers need replicas >= 0 and a health_path the process serves: /health/live or /health/ready."
  }
}

variable "mirror_config" {
  description = "MirrorMaker 2's per-cluster settings file: its path in the container and its content (JAAS lines included)."
  type = object({
    path    = string
    content = string
  })
  sensitive = true

  validation {
    condition     = startswith(var.mirror_config.path, "/")
    error_message = "mirror_config.path must be absolute."
  }
}

variable "frontend_min_count" {
  description = "Minimum number of frontend pods."
  type        = number

  validation {
    condition     = var.frontend_min_count >= 1
    error_message = "frontend_min_count must be >= 1."
  }
}

variable "frontend_max_count" {
  description = "Maximum number of frontend pods the autoscaler may reach."
  type        = number

  validation {
    condition     = var.frontend_max_count >= var.frontend_min_count
    error_message = "frontend_max_count must be >= frontend_min_count."
  }
}

variable "frontend_cpu_target_percent" {
  description = "Average CPU the autoscaler keeps the frontends at."
  type        = number

  validation {
    condition     = var.frontend_cpu_target_percent >= 10 && var.frontend_cpu_target_percent <= 90
    error_message = "frontend_cpu_target_percent must be between 10 and 90."
  }
}

variable "drain_seconds" {
  description = "Time a frontend gets after SIGTERM to move its clients (the grace period is this plus 15 s)."
  type        = number

  validation {
    condition     = var.drain_seconds >= 0 && var.drain_seconds <= 900
    error_message = "drain_seconds must be between 0 and 900."
  }
}

variable "frontend_resources" {
  description = "CPU request and memory (request and limit) of a frontend pod."
  type        = object({ cpu = string, memory = string })

  validation {
    condition     = can(regex("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$", var.frontend_resources.cpu)) && can(regex("^[0-9]+(Mi|Gi)$", var.frontend_resources.memory))
    error_message = "frontend_resources: cpu like 1 or 500m, memory like 2Gi."
  }
}

variable "worker_resources" {
  description = "CPU request and memory (request and limit) of a bridge or MirrorMaker 2 pod."
  type        = object({ cpu = string, memory = string })

  validation {
    condition     = can(regex("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$", var.worker_resources.cpu)) && can(regex("^[0-9]+(Mi|Gi)$", var.worker_resources.memory))
    error_message = "worker_resources: cpu like 1 or 500m, memory like 2Gi."
  }
}
