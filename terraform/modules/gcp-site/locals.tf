locals {
  name   = "${var.name_prefix}-${var.cloud_id}"
  labels = merge(var.labels, { fabric-cloud = var.cloud_id })

  frontend_url = "wss://${var.public_hostname}/v1/ws"

  # Container ports: only the frontends' is reachable from outside (through the load balancer).
  http_port        = 8080
  bridge_http_port = 9400
  hazelcast_port   = 5701

  # Managed Kafka's documented DNS form; 9092 is its SASL_SSL listener.
  kafka_bootstrap = "bootstrap.${google_managed_kafka_cluster.this.cluster_id}.${var.region}.managedkafka.${var.project_id}.cloud.goog:9092"

  # Hazelcast DNS lookup on a headless service: no Kubernetes API permissions needed.
  hazelcast_service = "${local.name}-hazelcast"

  # Managed Kafka always authenticates (SASL_SSL, PLAIN); the JAAS line comes from a secret
  # (docs/security.md, "Kafka connection security").
  kafka_env = {
    FABRIC_CLOUD                   = var.cloud_id
    FABRIC_KAFKA_BOOTSTRAP         = local.kafka_bootstrap
    FABRIC_KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
    FABRIC_KAFKA_SASL_MECHANISM    = "PLAIN"
    FABRIC_HTTP_HOST               = "0.0.0.0"
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

  # Environment secrets (variable name => Secret Manager secret), copied into the fabric-secrets
  # Kubernetes Secret; the mirror's JAAS lines go into its properties file instead (secrets.tf).
  env_secret_refs = {
    FABRIC_JWT_SECRET             = var.jwt_secret_ref
    FABRIC_API_KEYS               = var.api_keys_secret_ref
    FABRIC_KAFKA_SASL_JAAS_CONFIG = var.kafka_sasl_secret_ref
  }
  secret_refs = merge(local.env_secret_refs, module.mirror_config.secret_properties)

  frontend_secret_keys = ["FABRIC_JWT_SECRET", "FABRIC_API_KEYS", "FABRIC_KAFKA_SASL_JAAS_CONFIG"]

  # The sequencer and MirrorMaker 2 (workers.tf): their health endpoint, secrets, config file.
  workers = {
    bridge = {
      replicas             = var.bridge_count
      env                  = local.bridge_env
      secret_keys          = ["FABRIC_KAFKA_SASL_JAAS_CONFIG"]
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
