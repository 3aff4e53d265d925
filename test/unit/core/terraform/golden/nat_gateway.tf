resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = merge(local.tags, { Name = "sample-nat" })
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
  tags          = merge(local.tags, { Name = "sample-nat" })

  # A NAT gateway only forwards once the VPC has its internet gateway.
  depends_on = [aws_internet_gateway.sample]
}
