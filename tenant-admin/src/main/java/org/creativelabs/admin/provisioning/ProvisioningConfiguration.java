package org.creativelabs.admin.provisioning;

import java.time.Duration;
import org.creativelabs.realm.ServiceClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.client.RestClient;

/** The client for platform-core's internal API: a client-credentials token of {@code platform-provisioner} on every call. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProvisioningConfiguration {

    @Bean
    RestClient platformCoreClient(ClientRegistrationRepository registrations, OAuth2AuthorizedClientService clients,
            @Value("${platform.platform-core-url}") String platformCoreUrl) {
        return ServiceClients.restClient(registrations, clients, "platform-provisioner", platformCoreUrl, Duration.ofMinutes(2));
    }
}
