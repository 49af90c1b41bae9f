package org.creativelabs.core;

import org.creativelabs.core.tenancy.MigrateOnlyMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableAsync;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class PlatformCoreApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PlatformCoreApplication.class);
        boolean migrateOnly = MigrateOnlyMode.requested(args);
        if (migrateOnly) {
            app.setWebApplicationType(WebApplicationType.NONE);
        }
        ConfigurableApplicationContext context = app.run(args);
        if (migrateOnly) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
