package org.creativelabs.core.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A person's notifications in this lab, newest first, in the language of the request. */
@RestController
@RequestMapping("/api/labs/{slug}/notifications")
@Tag(name = "notifications", description = "What the lab told you")
class NotificationController {

    record NotificationView(
            UUID id, String message, String text, List<String> args, Instant createdAt, Instant readAt) {}

    private static final TypeReference<List<String>> ARGS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final MessageSource messages;

    NotificationController(JdbcTemplate jdbc, JsonMapper json, MessageSource messages) {
        this.jdbc = jdbc;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/mine")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Your latest 100 notifications, newest first, in your language")
    @Transactional(readOnly = true)
    List<NotificationView> mine() {
        Locale locale = LocaleContextHolder.getLocale();
        return jdbc.query(
                "SELECT id, message, args, created_at, read_at FROM notification WHERE subject = ?"
                        + " ORDER BY created_at DESC, id LIMIT 100",
                (rs, row) -> {
                    List<String> args = json.readValue(rs.getString("args"), ARGS);
                    String message = rs.getString("message");
                    java.sql.Timestamp read = rs.getTimestamp("read_at");
                    return new NotificationView(
                            rs.getObject("id", UUID.class),
                            message,
                            messages.getMessage("notification." + message, args.toArray(), message, locale),
                            args,
                            rs.getTimestamp("created_at").toInstant(),
                            read == null ? null : read.toInstant());
                },
                LabAccess.subject());
    }

    @PostMapping("/{id}/read")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Mark one of your notifications read; marking it again changes nothing")
    @Transactional
    void read(@PathVariable UUID id) {
        if (jdbc.update(
                        "UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = ? AND subject = ?",
                        id,
                        LabAccess.subject())
                == 0) {
            throw Problems.of(HttpStatus.NOT_FOUND, "notification-not-found", id);
        }
    }
}
