output "namespace" {
  description = "Namespace the platform runs in."
  value       = kubernetes_namespace_v1.platform.metadata[0].name
}

output "console_url" {
  description = "URL of the coordinators' console and the UNDP dashboards."
  value       = "https://${var.lab_domain}"
}

output "lab_url_pattern" {
  description = "URL pattern of a lab: replace <slug> with the lab's slug, e.g. osh."
  value       = "https://<slug>.${var.lab_domain}"
}

output "keycloak_url" {
  description = "Public URL of Keycloak."
  value       = "https://${var.keycloak_hostname}"
}

output "database_secret" {
  description = "Name of the Secret with the three platform database logins."
  value       = kubernetes_secret_v1.platform_db.metadata[0].name
}

output "platform_release" {
  description = "Name and version of the platform's Helm release."
  value       = "${helm_release.platform.name}@${helm_release.platform.version}"
}
