# Application Gateway v2: the regional, zone-redundant HTTPS/WSS entry. WebSockets are
# supported natively; there is no plain-HTTP listener.

resource "azurerm_user_assigned_identity" "appgw" {
  name                = "${local.name}-appgw"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = local.tags
}

# Lets the gateway read the TLS certificate from Key Vault (and pick up renewals).
resource "azurerm_role_assignment" "appgw_certificate" {
  scope                = var.key_vault_id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.appgw.principal_id
}

resource "azurerm_public_ip" "lb" {
  name                = "${local.name}-lb"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
  domain_name_label   = local.name
  tags                = local.tags
}

locals {
  appgw = {
    gateway_ip   = "gateway-ip"
    frontend_ip  = "public"
    https_port   = "https"
    certificate  = "fabric-tls"
    listener     = "wss"
    pool         = "ws-frontend"
    settings     = "ws-frontend-http"
    probe        = "ws-frontend-ready"
    routing_rule = "wss-to-frontends"
  }
}

resource "azurerm_application_gateway" "this" {
  name                = local.name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  zones               = ["1", "2", "3"]
  tags                = local.tags

  sku {
    name = "Standard_v2"
    tier = "Standard_v2"
  }

  autoscale_configuration {
    min_capacity = var.appgw_min_capacity
    max_capacity = var.appgw_max_capacity
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.appgw.id]
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101"
  }

  gateway_ip_configuration {
    name      = local.appgw.gateway_ip
    subnet_id = azurerm_subnet.appgw.id
  }

  frontend_ip_configuration {
    name                 = local.appgw.frontend_ip
    public_ip_address_id = azurerm_public_ip.lb.id
  }

  frontend_port {
    name = local.appgw.https_port
    port = 443
  }

  ssl_certificate {
    name                = local.appgw.certificate
    key_vault_secret_id = var.tls_certificate_ref
  }

  http_listener {
    name                           = local.appgw.listener
    frontend_ip_configuration_name = local.appgw.frontend_ip
    frontend_port_name             = local.appgw.https_port
    protocol                       = "Https"
    ssl_certificate_name           = local.appgw.certificate
  }

  backend_address_pool {
    name         = local.appgw.pool
    ip_addresses = [local.frontend_ilb_ip]
  }

  probe {
    name                = local.appgw.probe
    protocol            = "Http"
    host                = var.public_hostname
    path                = "/health/ready"
    interval            = 10
    timeout             = 5
    unhealthy_threshold = 2

    match {
      status_code = ["200"]
    }
  }

  backend_http_settings {
    name                  = local.appgw.settings
    protocol              = "Http"
    port                  = local.http_port
    probe_name            = local.appgw.probe
    request_timeout       = var.idle_timeout_seconds
    cookie_based_affinity = var.session_stickiness ? "Enabled" : "Disabled"

    connection_draining {
      enabled           = true
      drain_timeout_sec = max(1, var.drain_seconds)
    }
  }

  request_routing_rule {
    name                       = local.appgw.routing_rule
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = local.appgw.listener
    backend_address_pool_name  = local.appgw.pool
    backend_http_settings_name = local.appgw.settings
  }

  depends_on = [azurerm_role_assignment.appgw_certificate]
}

# Clients reach the App Gateway on 443 only (its v2 SKU needs 65200-65535 from GatewayManager).
resource "azurerm_network_security_group" "appgw" {
  name                = "${local.name}-appgw"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = local.tags

  security_rule {
    name                       = "clients-https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_address_prefixes    = var.allowed_client_cidrs
    source_port_range          = "*"
    destination_address_prefix = "*"
    destination_port_range     = "443"
  }

  security_rule {
    name                       = "gateway-manager"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_address_prefix      = "GatewayManager"
    source_port_range          = "*"
    destination_address_prefix = "*"
    destination_port_range     = "65200-65535"
  }

  security_rule {
    name                       = "azure-load-balancer"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_address_prefix      = "AzureLoadBalancer"
    source_port_range          = "*"
    destination_address_prefix = "*"
    destination_port_range     = "*"
  }
}

resource "azurerm_subnet_network_security_group_association" "appgw" {
  subnet_id                 = azurerm_subnet.appgw.id
  network_security_group_id = azurerm_network_security_group.appgw.id
}
