output "console_url" {
  description = "Where Kyrgyzstan's national coordinators and UNDP staff sign in."
  value       = module.region.console_url
}

output "lab_url_pattern" {
  description = "Address of each lab, e.g. https://osh.labs.undp.kg.example."
  value       = module.region.lab_url_pattern
}
