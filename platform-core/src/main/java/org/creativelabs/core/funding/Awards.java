package org.creativelabs.core.funding;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.creativelabs.core.notifications.Notifications;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Awards, paid in tranches in order (a tranche with a requirement waits until staff accept it), and the outcome reports
 * every award owes 6 and 12 months after it was made.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Awards {

    record Tranche(
            UUID id,
            int position,
            BigDecimal amountKgs,
            String requirement,
            Instant requirementMetAt,
            Instant paidAt) {}

    record Report(
            UUID id,
            int months,
            LocalDate dueOn,
            Instant submittedAt,
            Boolean businessStarted,
            Integer jobs,
            BigDecimal incomeChangeKgs,
            String note,
            Instant acceptedAt,
            long version) {}

    record Award(
            UUID id,
            UUID applicationId,
            BigDecimal amountKgs,
            LocalDate awardedOn,
            List<Tranche> tranches,
            List<Report> reports) {}

    /** A late (or soon due) report, for staff to remind its author. */
    record Due(
            UUID reportId,
            UUID applicationId,
            UUID applicantMembershipId,
            String callTitle,
            int months,
            LocalDate dueOn) {}

    private final JdbcTemplate jdbc;
    private final Notifications notifications;

    Awards(JdbcTemplate jdbc, Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    void award(
            UUID application,
            BigDecimal amount,
            List<FundingApplicationController.TrancheRequest> tranches,
            LocalDate on) {
        UUID award = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO award (id, application_id, amount_kgs, awarded_on) VALUES (?, ?, ?, ?)",
                award,
                application,
                amount,
                Date.valueOf(on));
        for (int i = 0; i < tranches.size(); i++) {
            jdbc.update(
                    "INSERT INTO tranche (id, award_id, position, amount_kgs, requirement) VALUES (?, ?, ?, ?, ?)",
                    UUID.randomUUID(),
                    award,
                    i + 1,
                    tranches.get(i).amountKgs(),
                    tranches.get(i).requirement());
        }
        for (int months : new int[] {6, 12}) {
            jdbc.update(
                    "INSERT INTO outcome_report (id, award_id, months, due_on) VALUES (?, ?, ?, ?)",
                    UUID.randomUUID(),
                    award,
                    months,
                    Date.valueOf(on.plusMonths(months)));
        }
    }

    Optional<Award> of(UUID application) {
        return jdbc
                .query(
                        "SELECT id, application_id, amount_kgs, awarded_on FROM award WHERE application_id = ?",
                        (rs, row) -> rs.getObject("id", UUID.class),
                        application)
                .stream()
                .findFirst()
                .map(this::get);
    }

    Tranche requirementMet(UUID id) {
        Tranche tranche = tranche(id);
        if (tranche.requirement() == null) {
            throw Problems.of(HttpStatus.CONFLICT, "tranche-without-requirement", id);
        }
        jdbc.update("UPDATE tranche SET requirement_met_at = coalesce(requirement_met_at, now()) WHERE id = ?", id);
        return tranche(id);
    }

    /** Pays a tranche whose requirement (if any) is met and whose earlier tranches are paid; paying again changes nothing. */
    Tranche pay(UUID id) {
        Tranche tranche = tranche(id);
        if (tranche.paidAt() != null) {
            return tranche;
        }
        if (tranche.requirement() != null && tranche.requirementMetAt() == null) {
            throw Problems.of(HttpStatus.CONFLICT, "tranche-requirement-not-met", tranche.requirement());
        }
        if (jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM tranche t JOIN tranche this ON this.award_id = t.award_id
                               WHERE this.id = ? AND t.position < this.position AND t.paid_at IS NULL)""", Boolean.class, id)) {
            throw Problems.of(HttpStatus.CONFLICT, "earlier-tranche-unpaid");
        }
        jdbc.update("UPDATE tranche SET paid_at = now() WHERE id = ?", id);
        String awardee = jdbc.queryForObject("""
                SELECT a.subject FROM tranche t JOIN award w ON w.id = t.award_id
                JOIN funding_application a ON a.id = w.application_id WHERE t.id = ?""", String.class, id);
        notifications.tell(awardee, "tranche-paid", tranche.amountKgs().toPlainString());
        return tranche(id);
    }

    /** The award's application (to check whose report it is). */
    UUID applicationOfReport(UUID report) {
        return jdbc
                .query(
                        "SELECT w.application_id FROM outcome_report r JOIN award w ON w.id = r.award_id WHERE r.id = ?",
                        (rs, row) -> rs.getObject(1, UUID.class),
                        report)
                .stream()
                .findFirst()
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "report-not-found", report));
    }

    Report submit(UUID id, FundingApplicationController.ReportRequest request) {
        Report report = report(id);
        if (report.acceptedAt() != null) {
            throw Problems.of(HttpStatus.CONFLICT, "report-accepted", id);
        }
        int changed = jdbc.update(
                """
                UPDATE outcome_report SET business_started = ?, jobs = ?, income_change_kgs = ?, note = ?,
                  submitted_at = now(), version = version + 1 WHERE id = ? AND version = ?""",
                request.businessStarted(),
                request.jobs(),
                request.incomeChangeKgs(),
                request.note(),
                id,
                request.version());
        if (changed == 0) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException("outcome_report", id);
        }
        return report(id);
    }

    Report accept(UUID id) {
        Report report = report(id);
        if (report.submittedAt() == null) {
            throw Problems.of(HttpStatus.CONFLICT, "report-not-submitted", id);
        }
        jdbc.update("UPDATE outcome_report SET accepted_at = coalesce(accepted_at, now()) WHERE id = ?", id);
        return report(id);
    }

    /** Reports not submitted by {@code until}: late ones when {@code until} is today, due soon when it is later. */
    List<Due> unsubmittedBy(LocalDate until) {
        return jdbc.query(
                """
                SELECT r.id, a.id AS application_id, m.id AS membership_id, c.title, r.months, r.due_on
                FROM outcome_report r JOIN award w ON w.id = r.award_id JOIN funding_application a ON a.id = w.application_id
                JOIN funding_call c ON c.id = a.call_id LEFT JOIN membership m ON m.subject = a.subject
                WHERE r.submitted_at IS NULL AND r.due_on < ? ORDER BY r.due_on, r.id""",
                (rs, row) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getObject("application_id", UUID.class),
                        rs.getObject("membership_id", UUID.class),
                        rs.getString("title"),
                        rs.getInt("months"),
                        rs.getObject("due_on", LocalDate.class)),
                Date.valueOf(until));
    }

    /**
     * Reminds the authors of reports due by {@code until} (or late) and not submitted, at most once a week each;
     * returns how many were reminded.
     */
    int remind(LocalDate today, LocalDate until) {
        List<Due> due = jdbc.query(
                """
                SELECT r.id, a.id AS application_id, a.subject, c.title, r.months, r.due_on
                FROM outcome_report r JOIN award w ON w.id = r.award_id JOIN funding_application a ON a.id = w.application_id
                JOIN funding_call c ON c.id = a.call_id
                WHERE r.submitted_at IS NULL AND r.due_on < ? AND a.subject NOT LIKE 'erased:%'
                  AND (r.reminded_at IS NULL OR r.reminded_at < now() - interval '7 days')
                ORDER BY r.due_on, r.id FOR UPDATE OF r SKIP LOCKED""",
                (rs, row) -> {
                    notifications.tell(
                            rs.getString("subject"),
                            rs.getObject("due_on", LocalDate.class).isBefore(today) ? "report-late" : "report-due",
                            rs.getString("title"),
                            rs.getInt("months"),
                            rs.getObject("due_on", LocalDate.class));
                    return new Due(
                            rs.getObject("id", UUID.class),
                            rs.getObject("application_id", UUID.class),
                            null,
                            rs.getString("title"),
                            rs.getInt("months"),
                            rs.getObject("due_on", LocalDate.class));
                },
                Date.valueOf(until));
        due.forEach(d -> jdbc.update("UPDATE outcome_report SET reminded_at = now() WHERE id = ?", d.reportId()));
        return due.size();
    }

    private Award get(UUID award) {
        return jdbc.queryForObject(
                "SELECT id, application_id, amount_kgs, awarded_on FROM award WHERE id = ?",
                (rs, row) -> new Award(
                        award,
                        rs.getObject("application_id", UUID.class),
                        rs.getBigDecimal("amount_kgs"),
                        rs.getObject("awarded_on", LocalDate.class),
                        jdbc.query(
                                "SELECT * FROM tranche WHERE award_id = ? ORDER BY position", this::mapTranche, award),
                        jdbc.query(
                                "SELECT * FROM outcome_report WHERE award_id = ? ORDER BY months",
                                this::mapReport,
                                award)),
                award);
    }

    private Tranche tranche(UUID id) {
        return jdbc.query("SELECT * FROM tranche WHERE id = ?", this::mapTranche, id).stream()
                .findFirst()
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "tranche-not-found", id));
    }

    private Report report(UUID id) {
        return jdbc.query("SELECT * FROM outcome_report WHERE id = ?", this::mapReport, id).stream()
                .findFirst()
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "report-not-found", id));
    }

    private Tranche mapTranche(ResultSet rs, int row) throws SQLException {
        return new Tranche(
                rs.getObject("id", UUID.class),
                rs.getInt("position"),
                rs.getBigDecimal("amount_kgs"),
                rs.getString("requirement"),
                Applications.instant(rs, "requirement_met_at"),
                Applications.instant(rs, "paid_at"));
    }

    private Report mapReport(ResultSet rs, int row) throws SQLException {
        return new Report(
                rs.getObject("id", UUID.class),
                rs.getInt("months"),
                rs.getObject("due_on", LocalDate.class),
                Applications.instant(rs, "submitted_at"),
                (Boolean) rs.getObject("business_started"),
                (Integer) rs.getObject("jobs"),
                rs.getBigDecimal("income_change_kgs"),
                rs.getString("note"),
                Applications.instant(rs, "accepted_at"),
                rs.getLong("version"));
    }
}
