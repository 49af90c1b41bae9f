package org.creativelabs.core.events;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Check-in codes: the event and the registration, signed with the lab's own Ed25519 key (kept in the lab's schema,
 * made on first use). A door phone holding the lab's public key (it comes with the roster) verifies a code without
 * a connection; a code of another event or another lab does not verify. About 130 characters, QR-friendly.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class CheckInCodes {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JdbcTemplate jdbc;

    CheckInCodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String issue(UUID eventId, UUID registrationId) {
        byte[] payload = payload(eventId, registrationId);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys().getPrivate());
            signer.update(payload);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a check-in code", e);
        }
    }

    /** The registration a code names, when it is well formed, signed by this lab and of this event. */
    Optional<UUID> verify(UUID eventId, String code) {
        return verify(code).filter(c -> c.eventId().equals(eventId)).map(Code::registrationId);
    }

    /** The event and registration a code names, when it is well formed and signed by this lab. */
    Optional<Code> verify(String code) {
        if (code == null || code.length() > 200) {
            return Optional.empty();
        }
        int dot = code.indexOf('.');
        try {
            byte[] payload = DECODER.decode(code.substring(0, Math.max(dot, 0)));
            byte[] signature = DECODER.decode(code.substring(dot + 1));
            if (dot < 0 || payload.length != 32 || signature.length != 64) {
                return Optional.empty();
            }
            List<KeyPair> keys = stored();
            if (keys.isEmpty()) {
                // No code was ever issued here, so none can be genuine (and a read-only lookup makes no key).
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.get(0).getPublic());
            verifier.update(payload);
            if (!verifier.verify(signature)) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return Optional.of(new Code(
                    new UUID(buffer.getLong(), buffer.getLong()), new UUID(buffer.getLong(), buffer.getLong())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** The lab's public key (X.509 SubjectPublicKeyInfo, base64url) for verifying codes on a phone. */
    String publicKey() {
        return ENCODER.encodeToString(keys().getPublic().getEncoded());
    }

    record Code(UUID eventId, UUID registrationId) {}

    private static byte[] payload(UUID eventId, UUID registrationId) {
        return ByteBuffer.allocate(32)
                .putLong(eventId.getMostSignificantBits())
                .putLong(eventId.getLeastSignificantBits())
                .putLong(registrationId.getMostSignificantBits())
                .putLong(registrationId.getLeastSignificantBits())
                .array();
    }

    private KeyPair keys() {
        try {
            List<KeyPair> stored = stored();
            if (stored.isEmpty()) {
                KeyPair made = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                // Two first uses at once: one key wins, both read it back.
                jdbc.update(
                        "INSERT INTO check_in_key (private_key, public_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        made.getPrivate().getEncoded(),
                        made.getPublic().getEncoded());
                stored = stored();
            }
            return stored.get(0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private List<KeyPair> stored() {
        return jdbc.query("SELECT private_key, public_key FROM check_in_key", (rs, row) -> {
            try {
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes("private_key")));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key")));
                return new KeyPair(publicKey, privateKey);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The lab's check-in key is damaged", e);
            }
        });
    }
}
