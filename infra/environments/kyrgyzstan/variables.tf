variable "kubeconfig_path" {
  description = "Path of the kubeconfig file for the Kyrgyzstan cluster."
  type        = string
  default     = "~/.kube/config"
}

variable "kube_context" {
  description = "kubeconfig context of the Kyrgyzstan cluster."
  type        = string
}

variable "ingress_address" {
  description = "External IPv4 address of the cluster's ingress load balancer."
  type        = string
}

variable "image_tag" {
  description = "Platform release to deploy, e.g. 0.1.0 (never latest)."
  type        = string

  validation {
    condition     = var.image_tag != "latest"
    error_message = "image_tag must name a release, not latest."
  }
}

variable "smtp_cidr" {
  description = "Address range of the SMTP relay used for invitation e-mails."
  type        = string
}
