resource "aws_lb" "this" {
  name               = "${local.name}-ws"
  load_balancer_type = "application"
  internal           = false
  security_groups    = [aws_security_group.lb.id]
  subnets            = aws_subnet.public[*].id

  # WebSockets stay open between messages: the default 60 s would cut idle clients.
  idle_timeout               = var.idle_timeout_seconds
  drop_invalid_header_fields = true

  tags = local.tags
}

resource "aws_lb_target_group" "frontend" {
  name     = "${local.name}-frontend"
  port     = local.http_port
  protocol = "HTTP"
  vpc_id   = aws_vpc.this.id

  # Gives the frontend time to send reconnect hints before the LB cuts its connections.
  deregistration_delay = var.drain_seconds

  health_check {
    path                = "/health/ready"
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }

  stickiness {
    type            = "lb_cookie"
    enabled         = var.session_stickiness
    cookie_duration = 3600
  }

  tags = local.tags
}

# The ALB's only listener: TLS 1.2+/1.3, WSS upgrades pass through the ALB. There is no port 80
# listener, not even a redirect: clients use wss:// and https:// (discovery hands out wss:// URLs).
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.tls_certificate_ref

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.frontend.arn
  }
}
