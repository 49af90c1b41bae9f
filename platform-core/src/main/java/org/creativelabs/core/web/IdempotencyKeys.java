package org.creativelabs.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for creating POSTs: rural connections retry, and a retry must not create a second
 * record. The key row is inserted first in the lab's own schema inside the request's transaction; a
 * concurrent retry waits on it and then replays the first response. The same key with a different request (method,
 * path or body) is refused with 422. Keys are per caller: one person's key never replays another person's response.
 * A key lives {@code platform.idempotency.ttl} (24 h): then it may be used again, and an hourly job deletes it.
 */
@Component
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Duration ttl;

    IdempotencyKeys(JdbcTemplate jdbc, JsonMapper json, @Value("${platform.idempotency.ttl:24h}") Duration ttl) {
        this.jdbc = jdbc;
        this.json = json;
        this.ttl = ttl;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> ResponseEntity<T> createOnce(
            String key, Object request, Class<T> bodyType, Supplier<ResponseEntity<T>> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw Problems.withMessage(HttpStatus.BAD_REQUEST, "idempotency-key", "idempotency-key.length");
        }
        String fingerprint = sha256(requestLine() + "\n" + json.writeValueAsString(request));
        String caller = caller();
        jdbc.update(
                "DELETE FROM idempotency_key WHERE created_by = ? AND key = ? AND created_at < now() - make_interval(secs => ?)",
                caller,
                key,
                ttl.toSeconds());
        int inserted = jdbc.update(
                "INSERT INTO idempotency_key (created_by, key, request_hash) VALUES (?, ?, ?) "
                        + "ON CONFLICT (created_by, key) DO NOTHING",
                caller,
                key,
                fingerprint);
        if (inserted == 0) {
            return replay(caller, key, fingerprint, bodyType);
        }
        ResponseEntity<T> response = create.get();
        URI location = response.getHeaders().getLocation();
        jdbc.update(
                "UPDATE idempotency_key SET response_status = ?, response_location = ?, response_body = ? "
                        + "WHERE created_by = ? AND key = ?",
                response.getStatusCode().value(),
                location == null ? null : location.toString(),
                json.writeValueAsString(response.getBody()),
                caller,
                key);
        return response;
    }

    /**
     * Part of erasure: removes every key a person sent and every stored response that names them (a staff member's
     * response may hold the person's subject or membership id), since stored responses may hold personal data.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forget(String subject, String... identifiers) {
        jdbc.update(
                "DELETE FROM idempotency_key WHERE created_by = ? OR strpos(response_body, ?) > 0", subject, subject);
        for (String identifier : identifiers) {
            jdbc.update("DELETE FROM idempotency_key WHERE strpos(response_body, ?) > 0", identifier);
        }
    }

    /** Deletes the current lab's expired keys; returns how many. */
    @Transactional
    public int deleteExpired() {
        return jdbc.update(
                "DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)", ttl.toSeconds());
    }

    /** The method and path a key was first used with: the same key on another path is another request. */
    private static String requestLine() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getMethod() + " " + request.getRequestURI();
        }
        return "";
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }

    private <T> ResponseEntity<T> replay(String caller, String key, String fingerprint, Class<T> bodyType) {
        List<ResponseEntity<T>> stored = jdbc.query(
                "SELECT request_hash, response_status, response_location, response_body FROM idempotency_key "
                        + "WHERE created_by = ? AND key = ?",
                (rs, row) -> {
                    if (!fingerprint.equals(rs.getString("request_hash"))) {
                        throw Problems.withMessage(
                                HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key", "idempotency-key.reused");
                    }
                    ResponseEntity.BodyBuilder builder = ResponseEntity.status(rs.getInt("response_status"));
                    String location = rs.getString("response_location");
                    if (location != null) {
                        builder.location(URI.create(location));
                    }
                    return builder.header("Idempotent-Replayed", "true")
                            .body(json.readValue(rs.getString("response_body"), bodyType));
                },
                caller,
                key);
        return stored.get(0);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
