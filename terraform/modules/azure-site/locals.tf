locals {
  name = "${var.name_prefix}-${var.cloud_id}"
  tags = merge(var.tags, { "fabric-cloud" = var.cloud_id })

  frontend_url = "wss://${var.public_hostname}/v1/ws"
  http_port    = 8080

  aks_subnet_cidr   = cidrsubnet(var.network_cidr, 4, 0)
  appgw_subnet_cidr = cidrsubnet(var.network_cidr, 8, 16)
  ilb_subnet_cidr   = cidrsubnet(var.network_cidr, 8, 17)

  # Static private IPs of the internal load balancers: one per Kafka broker (clients and
  # peers must reach each broker by the address it advertises) and one for the frontends.
  kafka_ips         = [for i in range(var.kafka_broker_count) : cidrhost(local.ilb_subnet_cidr, 10 + i)]
  frontend_ilb_ip   = cidrhost(local.ilb_subnet_cidr, 100)
  kafka_bootstrap   = join(",", [for ip in local.kafka_ips : "${ip}:9092"])
  kafka_headless    = "kafka-headless"
  kafka_ns_domain   = "${local.kafka_headless}.${var.namespace}.svc.cluster.local"
  hazelcast_service = "${local.name}-hazelcast"

  # Container ports: only the frontends' is reachable from outside (through the Application Gateway).
  bridge_http_port = 9400
  hazelcast_port   = 5701

  # The self-managed KRaft cluster listens in plain text inside private address space (kafka.tf).
  kafka_env = {
    FABRIC_CLOUD           = var.cloud_id
    FABRIC_KAFKA_BOOTSTRAP = local.kafka_bootstrap
    FABRIC_HTTP_HOST       = "0.0.0.0"
  }

  # node.id and hazelcast.host come from the pod itself (name, IP): see frontends.tf.
  frontend_env = merge(local.kafka_env, {
    FABRIC_REGION                           = var.region
    FABRIC_HTTP_PORT                        = tostring(local.http_port)
    FABRIC_PUBLIC_URL                       = local.frontend_url
    FABRIC_HAZELCAST_DISCOVERY              = "kubernetes"
    FABRIC_HAZELCAST_KUBERNETES_SERVICE_DNS = "${local.hazelcast_service}.${var.namespace}.svc.cluster.local"
    FABRIC_HAZELCAST_PORT                   = tostring(local.hazelcast_port)
  })

  bridge_env = merge(local.kafka_env, { FABRIC_HTTP_PORT = tostring(local.bridge_http_port) })

  # Environment secrets (variable name => Key Vault secret id), copied into the fabric-secrets
  # Kubernetes Secret; the mirror's JAAS lines go into its properties file instead (secrets.tf).
  env_secret_refs = {
    FABRIC_JWT_SECRET = var.jwt_secret_ref
    FABRIC_API_KEYS   = var.api_keys_secret_ref
  }
  secret_refs = merge(local.env_secret_refs, module.mirror_config.secret_properties)

  frontend_secret_keys = ["FABRIC_JWT_SECRET", "FABRIC_API_KEYS"]

  # The sequencer and MirrorMaker 2 (workers.tf): their health endpoint, secrets, config file.
  workers = {
    bridge = {
      replicas             = var.bridge_count
      env                  = local.bridge_env
      secret_keys          = []
      http_port            = local.bridge_http_port
      health_path          = "/health/ready"
      mounts_mirror_config = false
    }
    mirror = {
      replicas             = length(var.peer_sites) == 0 ? 0 : var.mirror_count
      env                  = module.mirror_config.env
      secret_keys          = []
      http_port            = tonumber(module.mirror_config.env.FABRIC_HTTP_PORT)
      health_path          = "/health/live"
      mounts_mirror_config = true
    }
  }
}
