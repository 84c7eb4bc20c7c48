locals {
  name   = "${var.name_prefix}-${var.cloud_id}"
  labels = merge(var.labels, { fabric-cloud = var.cloud_id })

  frontend_url = "wss://${var.public_hostname}/v1/ws"
  http_port    = 8080

  # Managed Kafka's documented DNS form; 9092 is its SASL_SSL listener.
  kafka_bootstrap = "bootstrap.${google_managed_kafka_cluster.this.cluster_id}.${var.region}.managedkafka.${var.project_id}.cloud.goog:9092"

  # Hazelcast DNS lookup on a headless service: no Kubernetes API permissions needed.
  hazelcast_service = "${local.name}-hazelcast"

  kafka_env = {
    FABRIC_CLOUD                   = var.cloud_id
    FABRIC_REGION                  = var.region
    FABRIC_KAFKA_BOOTSTRAP         = local.kafka_bootstrap
    FABRIC_KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
    FABRIC_KAFKA_SASL_MECHANISM    = "PLAIN"
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

  # Env var name => Secret Manager secret. Copied into one Kubernetes Secret (secrets.tf).
  secret_refs = merge(
    {
      FABRIC_JWT_SECRET             = var.jwt_secret_ref
      FABRIC_API_KEYS               = var.api_keys_secret_ref
      FABRIC_KAFKA_SASL_JAAS_CONFIG = var.kafka_sasl_secret_ref
    },
    {
      for p in var.peer_sites :
      "FABRIC_MIRROR_PEER_${upper(replace(p.cloud_id, "-", "_"))}_SASL_JAAS_CONFIG" => p.kafka_sasl_secret_ref
      if p.kafka_sasl_secret_ref != null
    }
  )

  frontend_secret_keys = ["FABRIC_JWT_SECRET", "FABRIC_API_KEYS", "FABRIC_KAFKA_SASL_JAAS_CONFIG"]
  mirror_secret_keys   = [for k in keys(local.secret_refs) : k if k == "FABRIC_KAFKA_SASL_JAAS_CONFIG" || startswith(k, "FABRIC_MIRROR_PEER_")]

  workers = {
    bridge = { replicas = var.bridge_count, env = local.kafka_env, secret_keys = ["FABRIC_KAFKA_SASL_JAAS_CONFIG"] }
    mirror = { replicas = length(var.peer_sites) == 0 ? 0 : var.mirror_count, env = local.mirror_env, secret_keys = local.mirror_secret_keys }
  }
}
