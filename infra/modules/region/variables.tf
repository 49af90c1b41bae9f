variable "region_name" {
  description = "Short name of the country or region this installation serves, e.g. kyrgyzstan. Used in resource names and labels."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.region_name))
    error_message = "region_name is 2-31 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "namespace" {
  description = "Kubernetes namespace for the platform, its databases and Keycloak."
  type        = string
  default     = "creative-labs"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a valid Kubernetes namespace name."
  }
}

variable "lab_domain" {
  description = "DNS domain of the installation: the console lives at this name and every lab at <slug>.<lab_domain> (a wildcard record)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.lab_domain))
    error_message = "lab_domain must be a lowercase DNS name such as labs.example.org."
  }
}

variable "ingress_address" {
  description = "External IP address of the cluster's ingress load balancer; the DNS records point at it."
  type        = string

  validation {
    condition     = can(cidrhost("${var.ingress_address}/32", 0))
    error_message = "ingress_address must be an IPv4 address."
  }
}

variable "image_registry" {
  description = "Container registry path that holds the gateway, platform-core and tenant-admin images."
  type        = string
}

variable "image_tag" {
  description = "Release tag of the platform images. Never latest: every pod must run the same build."
  type        = string

  validation {
    condition     = var.image_tag != "latest" && length(var.image_tag) > 0
    error_message = "image_tag must name a release, not latest."
  }
}

variable "database_instances" {
  description = "Number of PostgreSQL instances (primary plus replicas) in the platform database cluster."
  type        = number
  default     = 3

  validation {
    condition     = var.database_instances >= 1 && var.database_instances <= 5
    error_message = "database_instances must be between 1 and 5."
  }
}

variable "database_storage_size" {
  description = "Persistent volume size of each platform PostgreSQL instance, e.g. 50Gi. All lab schemas share it."
  type        = string
  default     = "50Gi"

  validation {
    condition     = can(regex("^[0-9]+(Gi|Ti)$", var.database_storage_size))
    error_message = "database_storage_size must be a size in Gi or Ti, e.g. 50Gi."
  }
}

variable "postgres_image" {
  description = "CloudNativePG PostgreSQL image; the platform is tested on PostgreSQL 15 to 17."
  type        = string
  default     = "ghcr.io/cloudnative-pg/postgresql:15.14"
}

variable "keycloak_hostname" {
  description = "Public host name of Keycloak, e.g. auth.labs.example.org."
  type        = string
}

variable "keycloak_instances" {
  description = "Number of Keycloak pods."
  type        = number
  default     = 2

  validation {
    condition     = var.keycloak_instances >= 1 && var.keycloak_instances <= 10
    error_message = "keycloak_instances must be between 1 and 10."
  }
}

variable "smtp_host" {
  description = "SMTP server for invitation e-mails."
  type        = string
}

variable "smtp_port" {
  description = "Port of the SMTP server."
  type        = number
  default     = 587
}

variable "smtp_cidr" {
  description = "Address range of the SMTP server, for the network policy that lets tenant-admin reach it."
  type        = string

  validation {
    condition     = can(cidrnetmask(var.smtp_cidr))
    error_message = "smtp_cidr must be an IPv4 CIDR block."
  }
}

variable "tls_secret_name" {
  description = "Name of the Secret with the wildcard TLS certificate for lab_domain (e.g. issued by cert-manager)."
  type        = string
  default     = "creative-labs-wildcard-tls"
}

variable "platform_values" {
  description = "Extra Helm values for the platform release, merged over the ones this module sets (e.g. component resources)."
  type        = any
  default     = {}
}
