locals {
  sites = { for s in var.sites : s.cloud_id => s }
}

# Probes each site through its own name (SNI and Host header match the site's certificate).
resource "aws_route53_health_check" "site" {
  for_each = local.sites

  fqdn              = each.value.public_hostname
  port              = 443
  type              = "HTTPS"
  resource_path     = var.health_check_path
  request_interval  = var.health_check_interval
  failure_threshold = var.health_check_failure_threshold
  enable_sni        = true
  measure_latency   = true

  tags = merge(var.tags, { Name = "fabric-${each.key}-ready" })
}

# Per-site name: what the site's frontends announce in discovery and what the probe uses.
resource "aws_route53_record" "site" {
  for_each = local.sites

  zone_id = var.zone_id
  name    = each.value.public_hostname
  type    = "A"
  ttl     = each.value.lb_ip != null ? var.ttl : null
  records = each.value.lb_ip != null ? [each.value.lb_ip] : null

  dynamic "alias" {
    for_each = each.value.lb_ip == null ? [each.value] : []
    content {
      name                   = alias.value.lb_dns_name
      zone_id                = alias.value.lb_zone_id
      evaluate_target_health = true
    }
  }
}

# The global name: one latency record per site, each tied to its health check, so a dark
# cloud drops out of the answers and clients resolve to the next nearest site.
resource "aws_route53_record" "global" {
  for_each = local.sites

  zone_id         = var.zone_id
  name            = var.global_hostname
  type            = "A"
  set_identifier  = each.key
  health_check_id = aws_route53_health_check.site[each.key].id
  ttl             = each.value.lb_ip != null ? var.ttl : null
  records         = each.value.lb_ip != null ? [each.value.lb_ip] : null

  latency_routing_policy {
    region = each.value.latency_region
  }

  dynamic "alias" {
    for_each = each.value.lb_ip == null ? [each.value] : []
    content {
      name                   = alias.value.lb_dns_name
      zone_id                = alias.value.lb_zone_id
      evaluate_target_health = true
    }
  }
}
