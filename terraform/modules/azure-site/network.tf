resource "azurerm_resource_group" "this" {
  name     = local.name
  location = var.region
  tags     = local.tags
}

resource "azurerm_virtual_network" "this" {
  name                = local.name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = [var.network_cidr]
  tags                = local.tags
}

# AKS nodes (pods use an overlay range, so the subnet only needs node addresses).
resource "azurerm_subnet" "aks" {
  name                 = "aks"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.aks_subnet_cidr]
}

# Application Gateway v2 needs a subnet of its own.
resource "azurerm_subnet" "appgw" {
  name                 = "appgw"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.appgw_subnet_cidr]
}

# Internal load balancers with static IPs: Kafka brokers and the frontend backend.
resource "azurerm_subnet" "ilb" {
  name                 = "internal-lb"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.ilb_subnet_cidr]
}
