package org.creativelabs.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The national coordinators' service: the lab registry (source of truth for a lab's lifecycle), provisioning,
 * Keycloak organizations and the cross-region dashboards. It owns the {@code platform} schema and reaches lab
 * data only through platform-core's APIs.
 */
@SpringBootApplication
public class TenantAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenantAdminApplication.class, args);
    }
}
