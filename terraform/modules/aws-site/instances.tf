# Amazon Linux 2023 from the public SSM parameter: patched AMI without a hard-coded id.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_cloudwatch_log_group" "fabric" {
  name              = "/${var.name_prefix}/${var.cloud_id}"
  retention_in_days = 30
  tags              = local.tags
}

resource "aws_launch_template" "role" {
  for_each = local.roles

  name_prefix   = "${local.name}-${each.key}-"
  image_id      = data.aws_ssm_parameter.al2023.value
  instance_type = each.value.instance_type

  vpc_security_group_ids = [each.value.sg]

  iam_instance_profile {
    arn = aws_iam_instance_profile.instance.arn
  }

  # IMDSv2 only. Hop limit 1 is enough: containers use host networking.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  user_data = base64encode(templatefile("${path.module}/templates/user_data.sh.tftpl", {
    role          = each.key
    command       = each.value.command
    env           = each.value.env
    secrets       = each.value.secrets
    files         = each.value.files
    hazelcast_tag = each.value.hazelcast ? { key = local.hazelcast_tag_key, value = local.hazelcast_tag_value } : null
    region        = var.region
    image         = "${var.image_repository}:${var.image_tag}"
    drain_seconds = var.drain_seconds
    log_group     = aws_cloudwatch_log_group.fabric.name
  }))

  tag_specifications {
    resource_type = "instance"
    tags = merge(local.tags, {
      Name                      = "${local.name}-${each.key}"
      "fabric:role"             = each.key
      (local.hazelcast_tag_key) = each.key == "frontend" ? local.hazelcast_tag_value : "none"
    })
  }

  tags = local.tags
}

resource "aws_autoscaling_group" "role" {
  for_each = local.roles

  name                = "${local.name}-${each.key}"
  min_size            = each.value.min
  max_size            = each.value.max
  vpc_zone_identifier = aws_subnet.private[*].id

  # The frontends are replaced when /health/ready fails at the LB, the workers when EC2 checks fail.
  target_group_arns         = each.key == "frontend" ? [aws_lb_target_group.frontend.arn] : []
  health_check_type         = each.key == "frontend" ? "ELB" : "EC2"
  health_check_grace_period = 120

  launch_template {
    id      = aws_launch_template.role[each.key].id
    version = aws_launch_template.role[each.key].latest_version
  }

  # New image tag => rolling replacement, never below 90 % of capacity.
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 90
    }
  }

  dynamic "tag" {
    for_each = local.tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = false
    }
  }

  lifecycle {
    # The autoscaling policy owns the current size.
    ignore_changes = [desired_capacity]
  }
}

resource "aws_autoscaling_policy" "frontend_cpu" {
  name                   = "${local.name}-frontend-cpu"
  autoscaling_group_name = aws_autoscaling_group.role["frontend"].name
  policy_type            = "TargetTrackingScaling"

  # Instances need ~1 min to warm up before their metrics count.
  estimated_instance_warmup = 90

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = var.frontend_cpu_target_percent
  }
}
