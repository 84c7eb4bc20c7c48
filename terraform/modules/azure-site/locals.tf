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

  kafka_env = {
    FABRIC_CLOUD                   = var.cloud_id
    FABRIC_REGION                  = var.region
    FABRIC_KAFKA_BOOTSTRAP         = local.kafka_bootstrap
    FABRIC_KAFKA_SECURITY_PROTOCOL = "PLAINTEXT"
    FABRIC_HTTP_PORT               = tostring(local.http_port)
  }

  frontend_env = merge(local.kafka_env, {
    FABRIC_PUBLIC_URL          = local.frontend_url
    FABRIC_HAZELCAST_DISCOVERY = "kubernetes"
    FABRIC_HAZELCAST_MEMBERS   = "${local.hazelcast_service}.${var.namespace}.svc.cluster.local"
  })

  mirror_env = merge(local.kafka_env, {
    FABRIC_MIRROR_PEERS = jsonencode([for p in var.peer_sites : {
      cloud_id          = p.cloud_id
      kafka_bootstrap   = p.kafka_bootstrap
      security_protocol = p.kafka_security_protocol
      sasl_mechanism    = p.kafka_sasl_mechanism
    }])
  })

  # Env var name => Key Vault secret id. Copied into one Kubernetes Secret (secrets.tf).
  secret_refs = merge(
    {
      FABRIC_JWT_SECRET = var.jwt_secret_ref
      FABRIC_API_KEYS   = var.api_keys_secret_ref
    },
    {
      for p in var.peer_sites :
      "FABRIC_MIRROR_PEER_${upper(replace(p.cloud_id, "-", "_"))}_SASL_JAAS_CONFIG" => p.kafka_sasl_secret_ref
      if p.kafka_sasl_secret_ref != null
    }
  )

  frontend_secret_keys = ["FABRIC_JWT_SECRET", "FABRIC_API_KEYS"]

  workers = {
    bridge = { replicas = var.bridge_count, env = local.kafka_env, secret_keys = [] }
    mirror = {
      replicas    = length(var.peer_sites) == 0 ? 0 : var.mirror_count
      env         = local.mirror_env
      secret_keys = [for k in keys(local.secret_refs) : k if startswith(k, "FABRIC_MIRROR_PEER_")]
    }
  }
}
