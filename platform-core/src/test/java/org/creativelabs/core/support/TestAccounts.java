package org.creativelabs.core.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;

/** Real Keycloak accounts and tokens for tests; tokens are reused until shortly before they expire. */
public final class TestAccounts {

    private static final long REUSE_MILLIS = 120_000;
    private static final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private static String labAdmin;

    private record Token(String value, long fetchedAt) {}

    private TestAccounts() {}

    /** The account every test lab makes its lab admin (see {@link TestLabs#createServing}). */
    public static synchronized String labAdmin() {
        if (labAdmin == null) {
            labAdmin = TestKeycloak.createUser("lab-admin");
        }
        return labAdmin;
    }

    public static String labAdminSubject() {
        return subject(labAdmin());
    }

    public static String subject(String username) {
        return TestKeycloak.subjectOf(username);
    }

    public static String tokenOf(String username) {
        return cached("user:" + username, () -> TestKeycloak.userToken(username));
    }

    public static String provisionerToken() {
        return cached("client:provisioner", () -> TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT));
    }

    private static String cached(String key, java.util.function.Supplier<String> fetch) {
        Token token = tokens.compute(
                key,
                (k, old) -> old != null && System.currentTimeMillis() - old.fetchedAt() < REUSE_MILLIS
                        ? old
                        : new Token(fetch.get(), System.currentTimeMillis()));
        return token.value();
    }
}
