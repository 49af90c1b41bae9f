# One country's or region's installation: namespace, PostgreSQL for the platform and for Keycloak (CloudNativePG),
# Keycloak (its operator), DNS for the wildcard lab host (external-dns), and the platform's Helm release.
# Labs themselves are runtime data created through tenant-admin, never resources here.
# Prerequisites in the cluster: the CloudNativePG operator, the Keycloak operator, external-dns with the CRD source,
# an ingress controller and cert-manager (see README.md).

locals {
  labels = {
    "app.kubernetes.io/part-of" = "creative-labs"
    "creative-labs/region"      = var.region_name
  }
  platform_db   = "creative-labs-db"
  keycloak_db   = "keycloak-db"
  database_name = "clp"
  logins = {
    runtime      = "clp_runtime"
    migrator     = "clp_migrator"
    tenant-admin = "clp_tenant_admin"
  }
}

resource "kubernetes_namespace_v1" "platform" {
  metadata {
    name   = var.namespace
    labels = local.labels
  }
}

# The three database logins of the platform (README: "Database logins and schemas").
resource "random_password" "login" {
  for_each = local.logins
  length   = 32
  special  = false
}

resource "kubernetes_secret_v1" "platform_db" {
  metadata {
    name      = local.platform_db
    namespace = kubernetes_namespace_v1.platform.metadata[0].name
    labels    = local.labels
  }
  data = merge(
    { for key, login in local.logins : "${key}-username" => login },
    { for key, login in local.logins : "${key}-password" => random_password.login[key].result },
  )
}

# One secret per login in the form CloudNativePG's managed roles expect.
resource "kubernetes_secret_v1" "login" {
  for_each = local.logins
  metadata {
    name      = "${local.platform_db}-${each.key}"
    namespace = kubernetes_namespace_v1.platform.metadata[0].name
    labels    = merge(local.labels, { "cnpg.io/reload" = "true" })
  }
  type = "kubernetes.io/basic-auth"
  data = {
    username = each.value
    password = random_password.login[each.key].result
  }
}

resource "kubernetes_manifest" "platform_db" {
  manifest = {
    apiVersion = "postgresql.cnpg.io/v1"
    kind       = "Cluster"
    metadata = {
      name      = local.platform_db
      namespace = kubernetes_namespace_v1.platform.metadata[0].name
      labels    = local.labels
    }
    spec = {
      instances = var.database_instances
      imageName = var.postgres_image
      storage   = { size = var.database_storage_size }
      postgresql = {
        parameters = {
          max_connections = "300"
        }
      }
      bootstrap = {
        initdb = {
          database = local.database_name
          owner    = "clp_owner"
          # Same statements as devstack's DatabaseBootstrap: least-privilege logins, shared extensions, schemas.
          postInitApplicationSQL = split("\n", templatefile("${path.module}/bootstrap.sql.tftpl", {
            database     = local.database_name
            runtime      = local.logins.runtime
            migrator     = local.logins.migrator
            tenant_admin = local.logins["tenant-admin"]
          }))
        }
      }
      # Passwords and attributes are reconciled from the secrets above.
      managed = {
        roles = [for key, login in local.logins : {
          name           = login
          ensure         = "present"
          login          = true
          inherit        = false
          superuser      = false
          createdb       = false
          createrole     = key == "migrator"
          passwordSecret = { name = kubernetes_secret_v1.login[key].metadata[0].name }
        }]
      }
    }
  }
}

# Keycloak keeps its own database.
resource "kubernetes_manifest" "keycloak_db" {
  manifest = {
    apiVersion = "postgresql.cnpg.io/v1"
    kind       = "Cluster"
    metadata = {
      name      = local.keycloak_db
      namespace = kubernetes_namespace_v1.platform.metadata[0].name
      labels    = local.labels
    }
    spec = {
      instances = 2
      imageName = var.postgres_image
      storage   = { size = "10Gi" }
      bootstrap = { initdb = { database = "keycloak", owner = "keycloak" } }
    }
  }
}

resource "kubernetes_manifest" "keycloak" {
  manifest = {
    apiVersion = "k8s.keycloak.org/v2alpha1"
    kind       = "Keycloak"
    metadata = {
      name      = "keycloak"
      namespace = kubernetes_namespace_v1.platform.metadata[0].name
      labels    = local.labels
    }
    spec = {
      instances = var.keycloak_instances
      db = {
        vendor         = "postgres"
        host           = "${local.keycloak_db}-rw"
        database       = "keycloak"
        usernameSecret = { name = "${local.keycloak_db}-app", key = "username" }
        passwordSecret = { name = "${local.keycloak_db}-app", key = "password" }
      }
      hostname = { hostname = var.keycloak_hostname }
      http     = { tlsSecret = var.tls_secret_name }
      # The realm itself (clients, roles, organizations) is reconciled by the platform at start-up:
      # an operator realm import does not update an existing realm.
    }
  }
  depends_on = [kubernetes_manifest.keycloak_db]
}

# Wildcard DNS for the labs, through external-dns's DNSEndpoint source (provider-agnostic).
resource "kubernetes_manifest" "dns" {
  manifest = {
    apiVersion = "externaldns.k8s.io/v1alpha1"
    kind       = "DNSEndpoint"
    metadata = {
      name      = "creative-labs"
      namespace = kubernetes_namespace_v1.platform.metadata[0].name
      labels    = local.labels
    }
    spec = {
      endpoints = [for name in [var.lab_domain, "*.${var.lab_domain}", var.keycloak_hostname] : {
        dnsName    = name
        recordType = "A"
        recordTTL  = 300
        targets    = [var.ingress_address]
      }]
    }
  }
}

resource "helm_release" "platform" {
  name      = "clp"
  namespace = kubernetes_namespace_v1.platform.metadata[0].name
  chart     = "${path.module}/../../../helm/creative-labs"
  wait      = true
  timeout   = 900

  values = [
    file("${path.module}/../../../helm/creative-labs/values-production.yaml"),
    yamlencode({
      image     = { registry = var.image_registry, tag = var.image_tag }
      labDomain = var.lab_domain
      ingress   = { tlsSecretName = var.tls_secret_name }
      database = {
        url            = "jdbc:postgresql://${local.platform_db}-rw.${var.namespace}.svc:5432/${local.database_name}"
        existingSecret = kubernetes_secret_v1.platform_db.metadata[0].name
      }
      keycloak = { url = "http://keycloak-service.${var.namespace}.svc:8080" }
      smtp     = { host = var.smtp_host, port = var.smtp_port }
      networkPolicy = {
        database = { podLabels = { "cnpg.io/cluster" = local.platform_db }, cidr = "", port = 5432 }
        keycloak = { podLabels = { "app" = "keycloak" }, cidr = "", port = 8080 }
        smtp     = { cidr = var.smtp_cidr, port = var.smtp_port }
      }
    }),
    yamlencode(var.platform_values),
  ]

  depends_on = [kubernetes_manifest.platform_db, kubernetes_manifest.keycloak]
}
