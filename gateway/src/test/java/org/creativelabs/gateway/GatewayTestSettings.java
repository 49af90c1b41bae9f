package org.creativelabs.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The test run's real Keycloak for a gateway: its issuer for callers' tokens, and the gateway's own client. */
final class GatewayTestSettings {

    private GatewayTestSettings() {}

    static Map<String, String> keycloak() {
        return Map.of(
                "platform.security.issuer-uri", TestKeycloak.issuer(),
                "platform.gateway.client-secret", TestKeycloak.secret(CreativeLabsRealm.GATEWAY_CLIENT));
    }

    static void keycloak(DynamicPropertyRegistry registry) {
        keycloak().forEach((key, value) -> registry.add(key, () -> value));
    }

    static String[] arguments(String... more) {
        List<String> arguments = new ArrayList<>(List.of(more));
        keycloak().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }
}
