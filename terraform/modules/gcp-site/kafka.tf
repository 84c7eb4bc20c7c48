resource "google_managed_kafka_cluster" "this" {
  project    = var.project_id
  cluster_id = "${local.name}-kafka"
  location   = var.region
  labels     = local.labels

  capacity_config {
    vcpu_count   = var.kafka_vcpu_count
    memory_bytes = var.kafka_vcpu_count * var.kafka_memory_gib_per_vcpu * 1024 * 1024 * 1024
  }

  # The service places Private Service Connect endpoints in this subnet.
  gcp_config {
    access_config {
      network_configs {
        subnet = google_compute_subnetwork.nodes.id
      }
    }
  }

  rebalance_config {
    mode = "AUTO_REBALANCE_ON_SCALE_UP"
  }
}

# Clients authenticate as this service account (SASL/PLAIN with its key, held in
# Secret Manager: Terraform never creates the key, so it is never in state).
resource "google_service_account" "fabric" {
  project      = var.project_id
  account_id   = substr("${local.name}-fabric", 0, 30)
  display_name = "SyncFabric ${var.cloud_id} Kafka client"
}

resource "google_project_iam_member" "fabric_kafka_client" {
  project = var.project_id
  role    = "roles/managedkafka.client"
  member  = "serviceAccount:${google_service_account.fabric.email}"
}
