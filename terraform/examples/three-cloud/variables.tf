variable "dns_zone_id" {
  description = "Route 53 public hosted zone id that holds global_hostname."
  type        = string
}

variable "global_hostname" {
  description = "Name clients connect to, e.g. ws.example.com. Each site gets <cloud_id>.<global_hostname>; certificates must cover both (a SAN for the name and one for *.name)."
  type        = string
}

variable "image_repository" {
  description = "Fabric container image repository, e.g. ghcr.io/acme/syncfabric."
  type        = string
}

variable "image_tag" {
  description = "Fabric image tag, the same on every site."
  type        = string
}

variable "aws_region" {
  description = "Region of the AWS site."
  type        = string
  default     = "eu-west-1"
}

variable "aws_tls_certificate_arn" {
  description = "ACM certificate ARN in aws_region covering global_hostname and *.global_hostname."
  type        = string
}

variable "aws_jwt_secret_arn" {
  description = "Secrets Manager ARN of the JWT HMAC key (same value as the GCP and Azure copies: tokens work on every site)."
  type        = string
}

variable "aws_api_keys_secret_arn" {
  description = "Secrets Manager ARN of the publish API keys."
  type        = string
}

variable "aws_gcp_kafka_sasl_secret_arn" {
  description = "Secrets Manager ARN holding the GCP site's Kafka sasl.jaas.config line, for the AWS MirrorMaker 2."
  type        = string
}

variable "gcp_project_id" {
  description = "Google Cloud project of the GCP site."
  type        = string
}

variable "gcp_region" {
  description = "Region of the GCP site."
  type        = string
  default     = "us-east1"
}

variable "gcp_latency_region" {
  description = "AWS region nearest to gcp_region, the GCP site's anchor for Route 53 latency routing."
  type        = string
  default     = "us-east-1"
}

variable "gcp_tls_certificate" {
  description = "Regional SSL certificate in gcp_region (projects/P/regions/R/sslCertificates/NAME) covering global_hostname and *.global_hostname."
  type        = string
}

variable "gcp_jwt_secret" {
  description = "Secret Manager secret (projects/P/secrets/NAME) of the JWT HMAC key."
  type        = string
}

variable "gcp_api_keys_secret" {
  description = "Secret Manager secret of the publish API keys."
  type        = string
}

variable "gcp_kafka_sasl_secret" {
  description = "Secret Manager secret holding the sasl.jaas.config line for the GCP site's Managed Kafka."
  type        = string
}

variable "azure_subscription_id" {
  description = "Azure subscription of the Azure site."
  type        = string
}

variable "azure_region" {
  description = "Region (location) of the Azure site."
  type        = string
  default     = "southeastasia"
}

variable "azure_latency_region" {
  description = "AWS region nearest to azure_region, the Azure site's anchor for Route 53 latency routing."
  type        = string
  default     = "ap-southeast-1"
}

variable "azure_key_vault_id" {
  description = "Key Vault (RBAC authorization) holding the Azure site's certificate and secrets."
  type        = string
}

variable "azure_tls_certificate_secret_id" {
  description = "Versionless Key Vault secret id of the certificate covering global_hostname and *.global_hostname."
  type        = string
}

variable "azure_jwt_secret_id" {
  description = "Versionless Key Vault secret id of the JWT HMAC key."
  type        = string
}

variable "azure_api_keys_secret_id" {
  description = "Versionless Key Vault secret id of the publish API keys."
  type        = string
}

variable "azure_gcp_kafka_sasl_secret_id" {
  description = "Versionless Key Vault secret id holding the GCP site's Kafka sasl.jaas.config line, for the Azure MirrorMaker 2."
  type        = string
}
