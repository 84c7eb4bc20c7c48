# Regional external Application Load Balancer: HTTPS only (no port 80 forwarding rule at all).

data "google_compute_zones" "available" {
  project = var.project_id
  region  = var.region
}

locals {
  lb_zones = slice(data.google_compute_zones.available.names, 0, 3)
}

# The NEGs exist once GKE has reconciled the annotated service; depends_on defers the read to apply.
data "google_compute_network_endpoint_group" "frontend" {
  for_each   = toset(local.lb_zones)
  project    = var.project_id
  name       = local.neg_name
  zone       = each.value
  depends_on = [kubernetes_service_v1.frontend, module.workloads]
}

resource "google_compute_address" "lb" {
  project      = var.project_id
  name         = "${local.name}-lb"
  region       = var.region
  address_type = "EXTERNAL"
  network_tier = "STANDARD"
  labels       = local.labels
}

resource "google_compute_region_health_check" "frontend" {
  project             = var.project_id
  name                = "${local.name}-frontend-ready"
  region              = var.region
  check_interval_sec  = 10
  timeout_sec         = 5
  healthy_threshold   = 2
  unhealthy_threshold = 2

  http_health_check {
    port_specification = "USE_SERVING_PORT"
    request_path       = "/health/ready"
  }
}

# allowed_client_cidrs. The LB's proxies terminate the client connections, so a VPC firewall rule
# only ever sees the proxy-only subnet and Google's health checkers (network.tf): client addresses
# are filtered here, by a regional Cloud Armor policy on the backend service, before any request or
# WebSocket upgrade reaches a frontend. Cloud Armor takes at most 10 ranges per basic rule.
resource "google_compute_region_security_policy" "clients" {
  provider    = google-beta
  project     = var.project_id
  region      = var.region
  name        = "${local.name}-clients"
  description = "SyncFabric ${var.cloud_id}: only allowed_client_cidrs reach the frontends"
  type        = "CLOUD_ARMOR"
}

resource "google_compute_region_security_policy_rule" "allowed_clients" {
  provider        = google-beta
  for_each        = { for i, ranges in chunklist(var.allowed_client_cidrs, 10) : tostring(1000 + i) => ranges }
  project         = var.project_id
  region          = var.region
  security_policy = google_compute_region_security_policy.clients.name
  description     = "allowed_client_cidrs"
  priority        = tonumber(each.key)
  action          = "allow"

  match {
    versioned_expr = "SRC_IPS_V1"
    config {
      src_ip_ranges = each.value
    }
  }
}

# The policy's default rule (lowest priority, every address): refuse whoever no rule above allowed.
resource "google_compute_region_security_policy_rule" "default_deny" {
  provider        = google-beta
  project         = var.project_id
  region          = var.region
  security_policy = google_compute_region_security_policy.clients.name
  description     = "clients outside allowed_client_cidrs"
  priority        = 2147483647
  action          = "deny(403)"

  match {
    versioned_expr = "SRC_IPS_V1"
    config {
      src_ip_ranges = ["*"]
    }
  }
}

resource "google_compute_region_backend_service" "frontend" {
  # google-beta: security_policy on a regional backend service (see versions.tf).
  provider              = google-beta
  project               = var.project_id
  name                  = "${local.name}-frontend"
  region                = var.region
  protocol              = "HTTP"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  health_checks         = [google_compute_region_health_check.frontend.id]

  # For WebSockets this is the longest a connection may live; see idle_timeout_seconds.
  timeout_sec = var.idle_timeout_seconds

  # Frontends drain on their own; the LB just stops sending new upgrades.
  connection_draining_timeout_sec = var.drain_seconds

  # Clients outside allowed_client_cidrs are refused before they reach a frontend.
  security_policy = google_compute_region_security_policy.clients.id

  session_affinity   = var.session_stickiness ? "GENERATED_COOKIE" : "NONE"
  locality_lb_policy = var.session_stickiness ? "RING_HASH" : "ROUND_ROBIN"

  dynamic "backend" {
    for_each = data.google_compute_network_endpoint_group.frontend
    content {
      group                 = backend.value.id
      balancing_mode        = "RATE"
      max_rate_per_endpoint = 500
      capacity_scaler       = 1.0
    }
  }

  log_config {
    enable      = true
    sample_rate = 0.1
  }
}

resource "google_compute_region_url_map" "frontend" {
  project         = var.project_id
  name            = "${local.name}-frontend"
  region          = var.region
  default_service = google_compute_region_backend_service.frontend.id
}

resource "google_compute_region_target_https_proxy" "frontend" {
  project          = var.project_id
  name             = "${local.name}-frontend"
  region           = var.region
  url_map          = google_compute_region_url_map.frontend.id
  ssl_certificates = [var.tls_certificate_ref]
}

resource "google_compute_forwarding_rule" "https" {
  project               = var.project_id
  name                  = "${local.name}-https"
  region                = var.region
  ip_protocol           = "TCP"
  port_range            = "443"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  network_tier          = "STANDARD"
  network               = google_compute_network.this.id
  ip_address            = google_compute_address.lb.id
  target                = google_compute_region_target_https_proxy.frontend.id
  labels                = local.labels

  depends_on = [google_compute_subnetwork.proxy_only]
}
