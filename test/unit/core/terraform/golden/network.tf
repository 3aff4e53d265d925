resource "aws_vpc" "sample" {
  cidr_block = "10.5.0.0/16"
  tags       = merge(local.tags, { Name = "sample-sample" })
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.sample.id
  cidr_block              = "10.5.0.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true
  tags                    = merge(local.tags, { Name = "sample-public" })
}

resource "aws_subnet" "private" {
  vpc_id                  = aws_vpc.sample.id
  cidr_block              = "10.5.1.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = false
  tags                    = merge(local.tags, { Name = "sample-private" })
}

resource "aws_internet_gateway" "sample" {
  vpc_id = aws_vpc.sample.id
  tags   = merge(local.tags, { Name = "sample-sample" })
}

resource "aws_route_table" "sample_public" {
  vpc_id = aws_vpc.sample.id
  tags   = merge(local.tags, { Name = "sample-sample_public" })
}

resource "aws_route" "sample_public_default" {
  route_table_id         = aws_route_table.sample_public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.sample.id
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.sample_public.id
}

resource "aws_route_table" "sample_private" {
  vpc_id = aws_vpc.sample.id
  tags   = merge(local.tags, { Name = "sample-sample_private" })
}

resource "aws_route" "sample_private_default" {
  route_table_id         = aws_route_table.sample_private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.sample_private.id
}
