resource "aws_security_group" "bastion" {
  name        = "sample-bastion"
  description = "SSH from the office"
  vpc_id      = aws_vpc.sample.id
  tags        = merge(local.tags, { Name = "sample-bastion" })

  ingress {
    description = "office"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["203.0.113.0/24"]
  }

  egress {
    description = ""
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "internal" {
  name        = "sample-internal"
  description = "internal (deployment sample)"
  vpc_id      = aws_vpc.sample.id
  tags        = merge(local.tags, { Name = "sample-internal" })

  ingress {
    description = ""
    protocol    = "tcp"
    from_port   = 9042
    to_port     = 9042
    cidr_blocks = ["10.5.0.0/16"]
  }

  egress {
    description = ""
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
