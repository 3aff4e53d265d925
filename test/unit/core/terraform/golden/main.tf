# Rendered by Grantwise from "sample.jsonnet". Edit the deployment, not this file.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "aws_region" {
  description = "Region the deployment is created in."
  type        = string
  default     = "us-east-1"
}

variable "aws_profile" {
  description = "Shared-config profile terraform authenticates with; null means the standard AWS credential chain."
  type        = string
  default     = null
}

provider "aws" {
  region  = var.aws_region
  profile = var.aws_profile

  # A desktop run never reads the EC2 instance metadata service for credentials.
  skip_metadata_api_check = true

  # Local emulator: no STS or IAM lookups before the first call.
  skip_credentials_validation = true
  skip_requesting_account_id  = true

  endpoints {
    ec2 = "http://127.0.0.1:5000"
    iam = "http://127.0.0.1:5000"
    sts = "http://127.0.0.1:5000"
  }
}

locals {
  tags = {
    "grantwise:deployment" = "sample"
  }
}
