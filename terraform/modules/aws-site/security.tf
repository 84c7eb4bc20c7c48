resource "aws_security_group" "lb" {
  name        = "${local.name}-lb"
  description = "Public HTTPS/WSS entry of the fabric"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

# Clients reach the ALB on 443 only (lb.tf has no other listener).
resource "aws_vpc_security_group_ingress_rule" "lb_https" {
  for_each          = toset(var.allowed_client_cidrs)
  security_group_id = aws_security_group.lb.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "lb_to_frontend" {
  security_group_id            = aws_security_group.lb.id
  referenced_security_group_id = aws_security_group.frontend.id
  ip_protocol                  = "tcp"
  from_port                    = local.http_port
  to_port                      = local.http_port
}

resource "aws_security_group" "frontend" {
  name        = "${local.name}-frontend"
  description = "ws-frontend instances"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "frontend_from_lb" {
  security_group_id            = aws_security_group.frontend.id
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = local.http_port
  to_port                      = local.http_port
}

# Hazelcast members of one pool talk to each other (5701-5703), nobody else does.
resource "aws_vpc_security_group_ingress_rule" "frontend_hazelcast" {
  security_group_id            = aws_security_group.frontend.id
  referenced_security_group_id = aws_security_group.frontend.id
  ip_protocol                  = "tcp"
  from_port                    = 5701
  to_port                      = 5703
}

resource "aws_vpc_security_group_egress_rule" "frontend_all" {
  security_group_id = aws_security_group.frontend.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_security_group" "worker" {
  name        = "${local.name}-worker"
  description = "bridge (sequencer) and MirrorMaker 2 instances"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_vpc_security_group_egress_rule" "worker_all" {
  security_group_id = aws_security_group.worker.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_security_group" "kafka" {
  name        = "${local.name}-kafka"
  description = "MSK brokers: TLS client port for this site and the peer sites' MirrorMaker 2"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "kafka_from_site" {
  for_each = {
    frontend = aws_security_group.frontend.id
    worker   = aws_security_group.worker.id
  }
  security_group_id            = aws_security_group.kafka.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 9094
  to_port                      = 9094
}

resource "aws_vpc_security_group_ingress_rule" "kafka_from_peers" {
  for_each          = toset(var.peer_cidrs)
  security_group_id = aws_security_group.kafka.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 9094
  to_port           = 9094
}
