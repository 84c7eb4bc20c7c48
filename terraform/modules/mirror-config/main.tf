locals {
  # Every cluster of the fabric under its cloud id, this site's included. Each site's mirror runs
  # only the flows into its own cluster (mirror.targets): it reads the peers remotely and writes
  # locally, so no two sites' mirrors share a flow and a site cut off stops only its own inflow.
  clusters = merge(
    {
      (var.cloud_id) = {
        bootstrap       = var.kafka_bootstrap
        protocol        = var.kafka_security_protocol
        mechanism       = var.kafka_sasl_mechanism
        sasl_secret_ref = var.kafka_sasl_secret_ref
      }
    },
    {
      for p in var.peer_sites : p.cloud_id => {
        bootstrap       = p.kafka_bootstrap
        protocol        = p.kafka_security_protocol
        mechanism       = p.kafka_sasl_mechanism
        sasl_secret_ref = p.kafka_sasl_secret_ref
      }
    },
  )
  ids = sort(keys(local.clusters))

  env = {
    FABRIC_MIRROR_CLUSTERS        = join(",", [for id in local.ids : "${id}=${local.clusters[id].bootstrap}"])
    FABRIC_MIRROR_CLUSTERS_CONFIG = var.config_path
    FABRIC_MIRROR_TARGETS         = var.cloud_id
    FABRIC_HTTP_HOST              = "0.0.0.0"
    FABRIC_HTTP_PORT              = tostring(var.http_port)
  }

  # MirrorMaker 2's own per-cluster syntax: <alias>.<client setting>.
  properties = flatten([for id in local.ids : concat(
    local.clusters[id].protocol == "PLAINTEXT" ? [] : ["${id}.security.protocol=${local.clusters[id].protocol}"],
    local.clusters[id].mechanism == null ? [] : ["${id}.sasl.mechanism=${local.clusters[id].mechanism}"],
  )])

  secret_properties = {
    for id, c in local.clusters : "${id}.sasl.jaas.config" => c.sasl_secret_ref if c.sasl_secret_ref != null
  }
}
