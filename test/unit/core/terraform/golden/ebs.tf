resource "aws_ebs_volume" "db_data" {
  count = 2

  availability_zone = "us-east-1a"
  size              = 10
  type              = "gp3"
  tags              = merge(local.tags, { Name = "sample-db_data-${count.index + 1}" })
}

resource "aws_volume_attachment" "db_data" {
  count = 2

  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.db_data[count.index].id
  instance_id = aws_instance.db[count.index].id
}
