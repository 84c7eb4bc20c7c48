locals {
  # Non-overlapping address spaces: Kafka replication crosses the private link between them.
  cidrs = {
    aws = "10.10.0.0/16"
    gcp = "10.20.0.0/16"
  }

  # What a peer's MirrorMaker 2 needs to read each site's Kafka.
  aws_kafka = {
    cloud_id                = "aws"
    kafka_bootstrap         = module.aws_site.kafka_bootstrap
    kafka_security_protocol = module.aws_site.kafka_security_protocol
  }
  gcp_kafka = {
    cloud_id                = "gcp"
    kafka_bootstrap         = module.gcp_site.kafka_bootstrap
    kafka_security_protocol = module.gcp_site.kafka_security_protocol
    kafka_sasl_mechanism    = module.gcp_site.kafka_sasl_mechanism
  }
}

module "aws_site" {
  source = "../../modules/aws-site"

  cloud_id            = "aws"
  region              = var.aws_region
  network_cidr        = local.cidrs.aws
  public_hostname     = "aws.${var.global_hostname}"
  image_repository    = var.image_repository
  image_tag           = var.image_tag
  tls_certificate_ref = var.aws_tls_certificate_arn
  jwt_secret_ref      = var.aws_jwt_secret_arn
  api_keys_secret_ref = var.aws_api_keys_secret_arn
  frontend_min_count  = 2
  frontend_max_count  = 10

  peer_sites = [merge(local.gcp_kafka, { kafka_sasl_secret_ref = var.aws_gcp_kafka_sasl_secret_arn })]
  peer_cidrs = [local.cidrs.gcp]
}

module "gcp_site" {
  source = "../../modules/gcp-site"
  providers = {
    google      = google
    google-beta = google-beta
    kubernetes  = kubernetes.gcp
  }

  cloud_id              = "gcp"
  project_id            = var.gcp_project_id
  region                = var.gcp_region
  network_cidr          = local.cidrs.gcp
  public_hostname       = "gcp.${var.global_hostname}"
  image_repository      = var.image_repository
  image_tag             = var.image_tag
  tls_certificate_ref   = var.gcp_tls_certificate
  jwt_secret_ref        = var.gcp_jwt_secret
  api_keys_secret_ref   = var.gcp_api_keys_secret
  kafka_sasl_secret_ref = var.gcp_kafka_sasl_secret
  frontend_min_count    = 2
  frontend_max_count    = 10

  peer_sites = [local.aws_kafka]
  peer_cidrs = [local.cidrs.aws]
}

module "global_routing" {
  source = "../../modules/global-routing"

  zone_id         = var.dns_zone_id
  global_hostname = var.global_hostname
  sites = [
    {
      cloud_id        = module.aws_site.cloud_id
      latency_region  = var.aws_region
      public_hostname = module.aws_site.public_hostname
      lb_dns_name     = module.aws_site.lb_dns_name
      lb_zone_id      = module.aws_site.lb_zone_id
    },
    {
      cloud_id        = module.gcp_site.cloud_id
      latency_region  = var.gcp_latency_region
      public_hostname = module.gcp_site.public_hostname
      lb_ip           = module.gcp_site.lb_ip
    },
  ]
}
