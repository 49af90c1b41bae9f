package org.creativelabs.core.funding;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.creativelabs.core.notifications.Notifications;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applications to funding calls and the moves between their states: a draft and an application sent back for more
 * information are the applicant's to edit; submitting checks the deadline (for a first submission), the call's
 * eligibility, and the budget against its ceiling.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Applications {

    enum Status {
        DRAFT,
        SUBMITTED,
        MORE_INFO,
        IN_REVIEW,
        AWARDED,
        AWARDED_WITH_CONDITIONS,
        DECLINED;

        boolean editable() {
            return this == DRAFT || this == MORE_INFO;
        }

        boolean underConsideration() {
            return this == SUBMITTED || this == IN_REVIEW;
        }

        boolean awarded() {
            return this == AWARDED || this == AWARDED_WITH_CONDITIONS;
        }
    }

    record BudgetLine(
            @NotBlank @Size(max = 200) String item,

            @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal amountKgs) {}

    record Application(
            UUID id,
            UUID callId,
            String subject,
            Status status,
            String businessIdea,
            List<BudgetLine> budgetLines,
            BigDecimal requestedKgs,
            String infoRequest,
            String decisionNote,
            Instant submittedAt,
            Instant decidedAt,
            long version) {}

    private static final TypeReference<List<BudgetLine>> LINES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final FundingCalls calls;
    private final Notifications notifications;

    Applications(JdbcTemplate jdbc, JsonMapper json, FundingCalls calls, Notifications notifications) {
        this.jdbc = jdbc;
        this.json = json;
        this.calls = calls;
        this.notifications = notifications;
    }

    Application draft(UUID callId, String subject, String idea, List<BudgetLine> lines) {
        FundingCalls.Call call = calls.get(callId);
        if (!call.open(Instant.now())) {
            throw Problems.of(HttpStatus.CONFLICT, "funding-call-closed", call.title());
        }
        if (jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM funding_application WHERE call_id = ? AND subject = ?)",
                Boolean.class,
                callId,
                subject)) {
            throw Problems.of(HttpStatus.CONFLICT, "already-applied");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO funding_application (id, call_id, subject, status, business_idea, budget_lines, requested_kgs)
                VALUES (?, ?, ?, 'DRAFT', ?, ?::jsonb, ?)""", id, callId, subject, idea, json.writeValueAsString(lines(lines)), total(lines));
        return get(id);
    }

    Application edit(UUID id, String subject, String idea, List<BudgetLine> lines, long version) {
        Application application = own(id, subject);
        if (!application.status().editable()) {
            throw Problems.of(HttpStatus.CONFLICT, "application-not-editable", application.status());
        }
        int changed = jdbc.update("""
                UPDATE funding_application SET business_idea = ?, budget_lines = ?::jsonb, requested_kgs = ?,
                  version = version + 1, updated_at = now() WHERE id = ? AND version = ?""", idea, json.writeValueAsString(lines(lines)), total(lines), id, version);
        if (changed == 0) {
            throw new ObjectOptimisticLockingFailureException("funding_application", id);
        }
        return get(id);
    }

    Application submit(UUID id, String subject) {
        Application application = own(id, subject);
        FundingCalls.Call call = calls.get(application.callId());
        if (!application.status().editable()) {
            throw Problems.of(HttpStatus.CONFLICT, "application-not-editable", application.status());
        }
        // A first submission closes with the call; an answer to a request for information comes when it comes.
        if (application.status() == Status.DRAFT && !call.open(Instant.now())) {
            throw Problems.of(HttpStatus.CONFLICT, "funding-call-closed", call.title());
        }
        if (application.businessIdea() == null || application.businessIdea().isBlank()) {
            throw Problems.invalidField("businessIdea", "required-to-submit");
        }
        if (application.budgetLines().isEmpty()) {
            throw Problems.invalidField("budgetLines", "required-to-submit");
        }
        if (application.requestedKgs().compareTo(call.budgetCeilingKgs()) > 0) {
            throw Problems.invalidField("budgetLines", "over-ceiling", call.budgetCeilingKgs());
        }
        if (call.eligibleProgramId() != null && !calls.completed(subject, call.eligibleProgramId())) {
            throw Problems.of(HttpStatus.CONFLICT, "not-eligible");
        }
        move(id, "SUBMITTED", "submitted_at = now()");
        return get(id);
    }

    Application requestInfo(UUID id, String question) {
        Application application = get(id);
        if (!application.status().underConsideration()) {
            throw Problems.of(HttpStatus.CONFLICT, "application-not-under-consideration", application.status());
        }
        jdbc.update(
                "UPDATE funding_application SET status = 'MORE_INFO', info_request = ?, version = version + 1,"
                        + " updated_at = now() WHERE id = ?",
                question,
                id);
        notifications.tell(
                application.subject(),
                "application-more-info",
                calls.get(application.callId()).title(),
                question);
        return get(id);
    }

    void inReview(UUID id) {
        move(id, "IN_REVIEW", "info_request = info_request");
    }

    void decide(UUID id, Status status, String note) {
        jdbc.update(
                "UPDATE funding_application SET status = ?, decision_note = ?, decided_at = now(), version = version + 1,"
                        + " updated_at = now() WHERE id = ?",
                status.name(),
                note,
                id);
        Application decided = get(id);
        notifications.tell(
                decided.subject(),
                "application-decided",
                calls.get(decided.callId()).title(),
                status.name());
    }

    Application get(UUID id) {
        return find(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "application-not-found", id));
    }

    Optional<Application> find(UUID id) {
        return jdbc.query("SELECT * FROM funding_application WHERE id = ?", this::map, id).stream()
                .findFirst();
    }

    /** The caller's own application: another person's is a 404, as if it did not exist. */
    Application own(UUID id, String subject) {
        return find(id).filter(a -> a.subject().equals(subject))
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "application-not-found", id));
    }

    List<Application> of(String subject) {
        return jdbc.query(
                "SELECT * FROM funding_application WHERE subject = ? ORDER BY created_at", this::map, subject);
    }

    List<Application> ofCall(UUID callId) {
        return jdbc.query(
                "SELECT * FROM funding_application WHERE call_id = ? AND status <> 'DRAFT' ORDER BY submitted_at",
                this::map,
                callId);
    }

    record Attachment(UUID id, String filename, String contentType, int sizeBytes) {}

    UUID attach(UUID application, String filename, String contentType, byte[] content) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO application_attachment (id, application_id, filename, content_type, size_bytes, content)
                VALUES (?, ?, ?, ?, ?, ?)""", id, application, filename, contentType, content.length, content);
        return id;
    }

    List<Attachment> attachments(UUID application) {
        return jdbc.query(
                "SELECT id, filename, content_type, size_bytes FROM application_attachment WHERE application_id = ?"
                        + " ORDER BY created_at",
                (rs, row) -> new Attachment(
                        rs.getObject("id", UUID.class),
                        rs.getString("filename"),
                        rs.getString("content_type"),
                        rs.getInt("size_bytes")),
                application);
    }

    /** The applicant's membership here (what staff and an open review see instead of their account). */
    UUID membershipOf(String subject) {
        return jdbc
                .query("SELECT id FROM membership WHERE subject = ?", (rs, row) -> rs.getObject(1, UUID.class), subject)
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** Part of erasure: what the person wrote goes (idea, budget, attachments, report notes), amounts and states stay. */
    void erase(String subject, String pseudonym) {
        jdbc.update("""
                DELETE FROM application_attachment WHERE application_id IN
                  (SELECT id FROM funding_application WHERE subject = ?)""", subject);
        jdbc.update("""
                UPDATE review_assignment SET comment = NULL, conflict_note = NULL WHERE application_id IN
                  (SELECT id FROM funding_application WHERE subject = ?)""", subject);
        jdbc.update("""
                UPDATE outcome_report SET note = NULL WHERE award_id IN (SELECT w.id FROM award w
                  JOIN funding_application a ON a.id = w.application_id WHERE a.subject = ?)""", subject);
        jdbc.update("""
                UPDATE funding_application SET subject = ?, business_idea = NULL, budget_lines = '[]', info_request = NULL,
                  decision_note = NULL, updated_at = now() WHERE subject = ?""", pseudonym, subject);
        jdbc.update("""
                UPDATE review_assignment SET reviewer_subject = ?, comment = NULL, conflict_note = NULL
                WHERE reviewer_subject = ?""", pseudonym, subject);
    }

    private void move(UUID id, String status, String also) {
        jdbc.update(
                "UPDATE funding_application SET status = ?, " + also + ", version = version + 1, updated_at = now()"
                        + " WHERE id = ?",
                status,
                id);
    }

    private Application map(ResultSet rs, int row) throws SQLException {
        return new Application(
                rs.getObject("id", UUID.class),
                rs.getObject("call_id", UUID.class),
                rs.getString("subject"),
                Status.valueOf(rs.getString("status")),
                rs.getString("business_idea"),
                json.readValue(rs.getString("budget_lines"), LINES),
                rs.getBigDecimal("requested_kgs"),
                rs.getString("info_request"),
                rs.getString("decision_note"),
                instant(rs, "submitted_at"),
                instant(rs, "decided_at"),
                rs.getLong("version"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static List<BudgetLine> lines(List<BudgetLine> lines) {
        return lines == null ? List.of() : lines;
    }

    private static BigDecimal total(List<BudgetLine> lines) {
        return lines(lines).stream().map(BudgetLine::amountKgs).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
