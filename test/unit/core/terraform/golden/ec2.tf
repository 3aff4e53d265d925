resource "aws_instance" "bastion" {
  ami                    = "ami-1e749f67"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.bastion.id]
  private_ip             = "10.5.0.10"
  iam_instance_profile   = "RoleAccessSampleBucket"
  tags                   = merge(local.tags, { Name = "sample-bastion" })

  root_block_device {
    volume_size = 8
    volume_type = "gp3"
    tags        = merge(local.tags, { Name = "sample-bastion" })
  }
}

resource "aws_eip" "bastion" {
  domain   = "vpc"
  instance = aws_instance.bastion.id
  tags     = merge(local.tags, { Name = "sample-bastion" })
}

resource "aws_instance" "db" {
  count = 2

  ami                    = "ami-1e749f67"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.internal.id]
  tags                   = merge(local.tags, { Name = "sample-db-${count.index + 1}" })

  root_block_device {
    volume_size = 8
    volume_type = "gp3"
    tags        = merge(local.tags, { Name = "sample-db-${count.index + 1}" })
  }
}
