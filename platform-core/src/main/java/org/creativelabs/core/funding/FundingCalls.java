package org.creativelabs.core.funding;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Funding calls and their rubrics. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class FundingCalls {

    record Criterion(UUID id, String name, int weight) {}

    record Call(
            UUID id,
            String title,
            String description,
            String criteria,
            BigDecimal budgetCeilingKgs,
            Instant deadline,
            UUID eligibleProgramId,
            boolean blindReview,
            int reviewRounds,
            List<Criterion> rubric,
            long version) {

        /** Open for applications: it has a deadline (an outline from a template has none yet) that has not passed. */
        boolean open(Instant now) {
            return deadline != null && now.isBefore(deadline);
        }
    }

    private final JdbcTemplate jdbc;

    FundingCalls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Call create(FundingCallController.CallRequest request) {
        checkProgram(request.eligibleProgramId());
        if (jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM funding_call WHERE title = ?)", Boolean.class, request.title())) {
            throw Problems.of(HttpStatus.CONFLICT, "funding-call-exists", request.title());
        }
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO funding_call (id, title, description, criteria, budget_ceiling_kgs, deadline,
                  eligible_program_id, blind_review, review_rounds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id,
                request.title(),
                request.description(),
                request.criteria(),
                request.budgetCeilingKgs(),
                Timestamp.from(request.deadline()),
                request.eligibleProgramId(),
                request.blindReviewOrDefault(),
                request.reviewRoundsOrDefault());
        addRubric(id, request.rubric());
        return find(id).orElseThrow();
    }

    /** Staff change a call; its rubric is replaced only while no review has scored against it. */
    Call change(UUID id, FundingCallController.CallRequest request) {
        Call call = get(id);
        checkProgram(request.eligibleProgramId());
        if (!call.title().equals(request.title())
                && jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM funding_call WHERE title = ?)", Boolean.class, request.title())) {
            throw Problems.of(HttpStatus.CONFLICT, "funding-call-exists", request.title());
        }
        int changed = jdbc.update(
                """
                UPDATE funding_call SET title = ?, description = ?, criteria = ?, budget_ceiling_kgs = ?, deadline = ?,
                  eligible_program_id = ?, blind_review = ?, review_rounds = ?, version = version + 1
                WHERE id = ? AND version = ?""",
                request.title(),
                request.description(),
                request.criteria(),
                request.budgetCeilingKgs(),
                Timestamp.from(request.deadline()),
                request.eligibleProgramId(),
                request.blindReviewOrDefault(),
                request.reviewRoundsOrDefault(),
                id,
                request.version() == null ? -1 : request.version());
        if (changed == 0) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException("funding_call", id);
        }
        List<String> names = request.rubric().stream()
                .map(FundingCallController.CriterionRequest::name)
                .toList();
        List<String> current = call.rubric().stream().map(Criterion::name).toList();
        boolean sameRubric = names.equals(current)
                && request.rubric().stream()
                        .map(FundingCallController.CriterionRequest::weight)
                        .toList()
                        .equals(call.rubric().stream().map(Criterion::weight).toList());
        if (!sameRubric) {
            if (jdbc.queryForObject("""
                    SELECT EXISTS (SELECT 1 FROM review_score s JOIN call_criterion c ON c.id = s.criterion_id
                                   WHERE c.call_id = ?)""", Boolean.class, id)) {
                throw Problems.of(HttpStatus.CONFLICT, "rubric-in-use");
            }
            jdbc.update("DELETE FROM call_criterion WHERE call_id = ?", id);
            addRubric(id, request.rubric());
        }
        return get(id);
    }

    /** A call outline from a template: everything but the deadline, so it does not open until staff set one. */
    void addOutline(FundingTemplate.Outline outline) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO funding_call (id, title, description, criteria, budget_ceiling_kgs, blind_review, review_rounds)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                id,
                outline.title(),
                outline.description(),
                outline.criteria(),
                outline.budgetCeilingKgs(),
                outline.blindReview() == null || outline.blindReview(),
                outline.reviewRounds() == null ? 1 : outline.reviewRounds());
        addRubric(id, outline.rubric());
    }

    private void addRubric(UUID call, List<FundingCallController.CriterionRequest> rubric) {
        for (int i = 0; i < rubric.size(); i++) {
            jdbc.update(
                    "INSERT INTO call_criterion (id, call_id, name, weight, position) VALUES (?, ?, ?, ?, ?)",
                    UUID.randomUUID(),
                    call,
                    rubric.get(i).name(),
                    rubric.get(i).weight(),
                    i);
        }
    }

    private void checkProgram(UUID program) {
        if (program != null
                && !jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM program WHERE id = ?)", Boolean.class, program)) {
            throw Problems.invalidField("eligibleProgramId", "not-a-program");
        }
    }

    Optional<Call> find(UUID id) {
        return all("WHERE c.id = ?", id).stream().findFirst();
    }

    Call get(UUID id) {
        return find(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "funding-call-not-found", id));
    }

    List<Call> all() {
        return all("", new Object[0]);
    }

    private List<Call> all(String where, Object... args) {
        List<Call> calls = jdbc.query(
                "SELECT * FROM funding_call c " + where + " ORDER BY c.deadline DESC NULLS LAST, c.title",
                (rs, row) -> new Call(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getString("description"),
                        rs.getString("criteria"),
                        rs.getBigDecimal("budget_ceiling_kgs"),
                        Applications.instant(rs, "deadline"),
                        rs.getObject("eligible_program_id", UUID.class),
                        rs.getBoolean("blind_review"),
                        rs.getInt("review_rounds"),
                        List.of(),
                        rs.getLong("version")),
                args);
        if (calls.isEmpty()) {
            return calls;
        }
        Map<UUID, List<Criterion>> rubrics = jdbc
                .query(
                        "SELECT call_id, id, name, weight FROM call_criterion WHERE call_id IN (SELECT c.id FROM"
                                + " funding_call c " + where + ") ORDER BY position",
                        (rs, row) -> Map.entry(
                                rs.getObject("call_id", UUID.class),
                                new Criterion(
                                        rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("weight"))),
                        args)
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return calls.stream()
                .map(c -> new Call(
                        c.id(),
                        c.title(),
                        c.description(),
                        c.criteria(),
                        c.budgetCeilingKgs(),
                        c.deadline(),
                        c.eligibleProgramId(),
                        c.blindReview(),
                        c.reviewRounds(),
                        rubrics.getOrDefault(c.id(), List.of()),
                        c.version()))
                .toList();
    }

    /** Whether the person completed the program (eligibility for a call that asks it). */
    boolean completed(String subject, UUID program) {
        return jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
                               WHERE e.subject = ? AND c.program_id = ? AND e.status = 'COMPLETED')""", Boolean.class, subject, program);
    }
}
