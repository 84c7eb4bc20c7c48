# The fabric's pods on this cluster: frontends (with their Hazelcast service, autoscaler and
# disruption budget), the sequencer and MirrorMaker 2, and their secrets (../k8s-workloads).
module "workloads" {
  source = "../k8s-workloads"

  namespace         = kubernetes_namespace_v1.fabric.metadata[0].name
  cloud_id          = var.cloud_id
  image             = "${var.image_repository}:${var.image_tag}"
  http_port         = local.http_port
  hazelcast_port    = local.hazelcast_port
  hazelcast_service = local.hazelcast_service

  frontend_env         = local.frontend_env
  frontend_secret_keys = local.frontend_secret_keys
  secret_values        = { for k in keys(local.env_secret_refs) : k => data.google_secret_manager_secret_version.fabric[k].secret_data }
  workers              = local.workers
  mirror_config = {
    path = module.mirror_config.config_path
    content = join("\n", concat(
      module.mirror_config.properties,
      [for property in keys(module.mirror_config.secret_properties) : "${property}=${data.google_secret_manager_secret_version.fabric[property].secret_data}"],
      [""],
    ))
  }

  frontend_min_count          = var.frontend_min_count
  frontend_max_count          = var.frontend_max_count
  frontend_cpu_target_percent = var.frontend_cpu_target_percent
  drain_seconds               = var.drain_seconds
  frontend_resources          = { cpu = var.frontend_cpu, memory = var.frontend_memory }
  worker_resources            = { cpu = var.worker_cpu, memory = var.worker_memory }
}
