package org.creativelabs.realm;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Service-to-service HTTP clients: every call carries a client-credentials token of the service's own Keycloak client
 * (a Spring Security OAuth2 client registration), fetched and renewed by Spring Security, also from background threads.
 */
public final class ServiceClients {

    private ServiceClients() {}

    public static RestClient restClient(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients,
            String registrationId,
            String baseUrl,
            Duration readTimeout) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials()
                .build());
        var tokens = new OAuth2ClientHttpRequestInterceptor(manager);
        tokens.setClientRegistrationIdResolver(request -> registrationId);
        // Background work has no user: the token belongs to the service itself.
        var service = new AnonymousAuthenticationToken(
                registrationId, registrationId, AuthorityUtils.createAuthorityList("ROLE_SERVICE"));
        tokens.setPrincipalResolver(request -> service);
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(readTimeout);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .requestInterceptor(tokens)
                .build();
    }
}
