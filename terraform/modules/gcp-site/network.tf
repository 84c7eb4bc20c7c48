resource "google_compute_network" "this" {
  project                 = var.project_id
  name                    = local.name
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "nodes" {
  project                  = var.project_id
  name                     = "${local.name}-nodes"
  region                   = var.region
  network                  = google_compute_network.this.id
  ip_cidr_range            = cidrsubnet(var.network_cidr, 1, 0)
  private_ip_google_access = true

  # Pods and services live in secondary ranges (VPC-native GKE); NEGs point at pod IPs.
  secondary_ip_range {
    range_name    = "pods"
    ip_cidr_range = cidrsubnet("100.64.0.0/10", 4, 0)
  }
  secondary_ip_range {
    range_name    = "services"
    ip_cidr_range = cidrsubnet("100.64.0.0/10", 10, 64)
  }
}

# Regional Envoy-based load balancers run their proxies in this subnet.
resource "google_compute_subnetwork" "proxy_only" {
  project       = var.project_id
  name          = "${local.name}-proxy-only"
  region        = var.region
  network       = google_compute_network.this.id
  ip_cidr_range = cidrsubnet(var.network_cidr, 7, 127)
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}

# Private nodes still pull images from registries outside Google.
resource "google_compute_router" "this" {
  project = var.project_id
  name    = local.name
  region  = var.region
  network = google_compute_network.this.id
}

resource "google_compute_router_nat" "this" {
  project                            = var.project_id
  name                               = local.name
  region                             = var.region
  router                             = google_compute_router.this.name
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}

# LB proxies and Google health checkers reach the frontend pods on 8080, nothing else does.
resource "google_compute_firewall" "lb_to_frontends" {
  project   = var.project_id
  name      = "${local.name}-lb-to-frontends"
  network   = google_compute_network.this.id
  direction = "INGRESS"
  source_ranges = [
    google_compute_subnetwork.proxy_only.ip_cidr_range,
    "35.191.0.0/16",
    "130.211.0.0/22",
  ]

  allow {
    protocol = "tcp"
    ports    = [tostring(local.http_port)]
  }
}
