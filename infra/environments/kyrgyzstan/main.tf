# Kyrgyzstan: one installation for Osh, Jalal-Abad, Batken and the Naryn village labs. The labs themselves are
# provisioned by national coordinators in the console, not here.

provider "kubernetes" {
  config_path    = var.kubeconfig_path
  config_context = var.kube_context
}

provider "helm" {
  kubernetes {
    config_path    = var.kubeconfig_path
    config_context = var.kube_context
  }
}

module "region" {
  source = "../../modules/region"

  region_name           = "kyrgyzstan"
  namespace             = "creative-labs"
  lab_domain            = "labs.undp.kg.example"
  ingress_address       = var.ingress_address
  image_registry        = "registry.example.org/creative-labs"
  image_tag             = var.image_tag
  database_instances    = 3
  database_storage_size = "100Gi"
  keycloak_hostname     = "auth.labs.undp.kg.example"
  keycloak_instances    = 2
  smtp_host             = "smtp.undp.kg.example"
  smtp_port             = 587
  smtp_cidr             = var.smtp_cidr
}
