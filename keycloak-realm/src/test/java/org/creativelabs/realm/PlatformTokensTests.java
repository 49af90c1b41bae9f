package org.creativelabs.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A checked token is verified once, its expiry on every use; a bad one is never kept. */
class PlatformTokensTests {

    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    final KeyPair realmKey = rsa();
    final AtomicInteger verified = new AtomicInteger();
    final MovableClock clock = new MovableClock();

    @Test
    void aTokenIsVerifiedOnceAndItsExpiryOnEveryUse() throws Exception {
        JwtDecoder tokens = decoder();
        String token = sign(realmKey, NOW.plus(Duration.ofMinutes(5)));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("osh-resident");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("osh-resident");
        assertThat(verified).as("the signature is checked once").hasValue(1);

        clock.now = NOW.plus(Duration.ofMinutes(6));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTime() throws Exception {
        JwtDecoder tokens = decoder();
        String forged = sign(rsa(), NOW.plus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verified).as("never kept: checked again").hasValue(2);
    }

    private JwtDecoder decoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) realmKey.getPublic())
                .build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(30));
        expiry.setClock(clock);
        nimbus.setJwtValidator(expiry);
        return PlatformTokens.checkedOnce(
                token -> {
                    verified.incrementAndGet();
                    return nimbus.decode(token);
                },
                expiry);
    }

    static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String sign(KeyPair key, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .subject("osh-resident")
                        .issueTime(Date.from(NOW))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
