package org.creativelabs.core.notifications;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a person of this lab about a change that concerns them, in the transaction of the change: a message key
 * ({@code notification.<message>} in the message bundles) and its arguments, rendered in their language when they read
 * it. Features call this; they never write the table themselves.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Notifications {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    Notifications(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Tells {@code subject} the message (e.g. {@code "application-decided"}) with these arguments. */
    public void tell(String subject, String message, Object... args) {
        jdbc.update(
                "INSERT INTO notification (id, subject, message, args) VALUES (?, ?, ?, ?::jsonb)",
                UUID.randomUUID(),
                subject,
                message,
                json.writeValueAsString(
                        List.of(args).stream().map(String::valueOf).toList()));
    }
}
