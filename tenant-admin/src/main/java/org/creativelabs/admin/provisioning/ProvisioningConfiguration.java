package org.creativelabs.admin.provisioning;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/** The client for platform-core's internal API: a client-credentials token of {@code platform-provisioner} on every call. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProvisioningConfiguration {

    static final String REGISTRATION = "platform-provisioner";

    @Bean
    OAuth2AuthorizedClientManager provisionerTokens(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return manager;
    }

    @Bean
    RestClient platformCoreClient(OAuth2AuthorizedClientManager provisionerTokens,
            @Value("${platform.platform-core-url}") String platformCoreUrl) {
        var tokens = new OAuth2ClientHttpRequestInterceptor(provisionerTokens);
        tokens.setClientRegistrationIdResolver(request -> REGISTRATION);
        // Background jobs have no user: the token belongs to tenant-admin itself.
        var service = new AnonymousAuthenticationToken("tenant-admin", "tenant-admin", AuthorityUtils.createAuthorityList("ROLE_SERVICE"));
        tokens.setPrincipalResolver(request -> service);
        var requests = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofMinutes(2));
        return RestClient.builder().baseUrl(platformCoreUrl)
                .requestFactory(requests)
                .requestInterceptor(tokens)
                .build();
    }
}
