locals {
  name = "${var.name_prefix}-${var.cloud_id}"
  tags = merge(var.tags, { "fabric:cloud" = var.cloud_id, "fabric:site" = local.name })

  # The frontends of this site carry this EC2 tag; a booting frontend lists the tagged instances
  # as its Hazelcast TCP-IP members (the fabric has no AWS discovery plugin: TCP-IP is enough).
  hazelcast_tag_key   = "fabric-pool"
  hazelcast_tag_value = "${local.name}-frontend"

  frontend_url = "wss://${var.public_hostname}/v1/ws"

  # Ports inside the instances (host networking); only the frontends' is reachable, from the ALB.
  http_port        = 8080
  bridge_http_port = 9400
  hazelcast_port   = 5701

  # MSK serves TLS only (kafka.tf): kafka.security.protocol=SSL; the JVM's trust store trusts it
  # (docs/security.md, "Kafka connection security").
  kafka_env = {
    FABRIC_CLOUD                   = var.cloud_id
    FABRIC_KAFKA_BOOTSTRAP         = aws_msk_cluster.this.bootstrap_brokers_tls
    FABRIC_KAFKA_SECURITY_PROTOCOL = "SSL"
    FABRIC_HTTP_HOST               = "0.0.0.0"
  }

  # node.id, hazelcast.host and hazelcast.members differ per instance: the boot script adds them
  # (instance id, private IP, and the pool's instances found by their EC2 tag).
  frontend_env = merge(local.kafka_env, {
    FABRIC_REGION              = var.region
    FABRIC_HTTP_PORT           = tostring(local.http_port)
    FABRIC_PUBLIC_URL          = local.frontend_url
    FABRIC_HAZELCAST_DISCOVERY = "tcp-ip"
    FABRIC_HAZELCAST_PORT      = tostring(local.hazelcast_port)
  })

  # Secrets never pass through Terraform state: only the ARN does.
  frontend_secrets = {
    FABRIC_JWT_SECRET = var.jwt_secret_ref
    FABRIC_API_KEYS   = var.api_keys_secret_ref
  }

  bridge_env = merge(local.kafka_env, { FABRIC_HTTP_PORT = tostring(local.bridge_http_port) })

  # One launch template + ASG per role; only the frontend sits behind the LB and autoscales.
  roles = {
    frontend = {
      command       = "frontend"
      instance_type = var.frontend_instance_type
      min           = var.frontend_min_count
      max           = var.frontend_max_count
      env           = local.frontend_env
      secrets       = local.frontend_secrets
      files         = {}
      hazelcast     = true
      sg            = aws_security_group.frontend.id
    }
    bridge = {
      command       = "bridge"
      instance_type = var.worker_instance_type
      min           = var.bridge_count
      max           = var.bridge_count
      env           = local.bridge_env
      secrets       = {}
      files         = {}
      hazelcast     = false
      sg            = aws_security_group.worker.id
    }
    mirror = {
      command       = "mirror"
      instance_type = var.worker_instance_type
      min           = length(var.peer_sites) == 0 ? 0 : var.mirror_count
      max           = length(var.peer_sites) == 0 ? 0 : var.mirror_count
      env           = module.mirror_config.env
      secrets       = {}
      files         = { (module.mirror_config.config_path) = { lines = module.mirror_config.properties, secrets = module.mirror_config.secret_properties } }
      hazelcast     = false
      sg            = aws_security_group.worker.id
    }
  }

  secret_arns = distinct(concat(values(local.frontend_secrets), values(module.mirror_config.secret_properties)))
}
