locals {
  name = "${var.name_prefix}-${var.cloud_id}"
  tags = merge(var.tags, { "fabric:cloud" = var.cloud_id, "fabric:site" = local.name })

  # hazelcast-aws finds the pool by this EC2 tag; FABRIC_HAZELCAST_MEMBERS carries key=value.
  hazelcast_tag_key   = "fabric-pool"
  hazelcast_tag_value = "${local.name}-frontend"

  frontend_url = "wss://${var.public_hostname}/v1/ws"
  http_port    = 8080

  # Plain (non-secret) configuration per role; secrets are added on the instance at boot.
  kafka_env = {
    FABRIC_CLOUD                   = var.cloud_id
    FABRIC_REGION                  = var.region
    FABRIC_KAFKA_BOOTSTRAP         = aws_msk_cluster.this.bootstrap_brokers_tls
    FABRIC_KAFKA_SECURITY_PROTOCOL = "SSL"
    FABRIC_HTTP_PORT               = tostring(local.http_port)
  }

  frontend_env = merge(local.kafka_env, {
    FABRIC_PUBLIC_URL          = local.frontend_url
    FABRIC_HAZELCAST_DISCOVERY = "aws"
    FABRIC_HAZELCAST_MEMBERS   = "${local.hazelcast_tag_key}=${local.hazelcast_tag_value}"
  })

  # Secrets never pass through Terraform state: only the ARN does.
  frontend_secrets = {
    FABRIC_JWT_SECRET = var.jwt_secret_ref
    FABRIC_API_KEYS   = var.api_keys_secret_ref
  }

  mirror_env = merge(local.kafka_env, {
    FABRIC_MIRROR_PEERS = jsonencode([for p in var.peer_sites : {
      cloud_id          = p.cloud_id
      kafka_bootstrap   = p.kafka_bootstrap
      security_protocol = p.kafka_security_protocol
      sasl_mechanism    = p.kafka_sasl_mechanism
    }])
  })

  mirror_secrets = {
    for p in var.peer_sites :
    "FABRIC_MIRROR_PEER_${upper(replace(p.cloud_id, "-", "_"))}_SASL_JAAS_CONFIG" => p.kafka_sasl_secret_ref
    if p.kafka_sasl_secret_ref != null
  }

  # One launch template + ASG per role; only the frontend sits behind the LB and autoscales.
  roles = {
    frontend = {
      command       = "frontend"
      instance_type = var.frontend_instance_type
      min           = var.frontend_min_count
      max           = var.frontend_max_count
      env           = local.frontend_env
      secrets       = local.frontend_secrets
      sg            = aws_security_group.frontend.id
    }
    bridge = {
      command       = "bridge"
      instance_type = var.worker_instance_type
      min           = var.bridge_count
      max           = var.bridge_count
      env           = local.kafka_env
      secrets       = {}
      sg            = aws_security_group.worker.id
    }
    mirror = {
      command       = "mirror"
      instance_type = var.worker_instance_type
      min           = length(var.peer_sites) == 0 ? 0 : var.mirror_count
      max           = length(var.peer_sites) == 0 ? 0 : var.mirror_count
      env           = local.mirror_env
      secrets       = local.mirror_secrets
      sg            = aws_security_group.worker.id
    }
  }

  secret_arns = distinct(concat(values(local.frontend_secrets), values(local.mirror_secrets)))
}
