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
            List<Criterion> rubric) {

        boolean open(Instant now) {
            return now.isBefore(deadline);
        }
    }

    private final JdbcTemplate jdbc;

    FundingCalls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Call create(FundingCallController.CallRequest request) {
        if (request.eligibleProgramId() != null
                && !jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM program WHERE id = ?)",
                        Boolean.class,
                        request.eligibleProgramId())) {
            throw Problems.invalidField("eligibleProgramId", "not-a-program");
        }
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
        for (int i = 0; i < request.rubric().size(); i++) {
            FundingCallController.CriterionRequest criterion = request.rubric().get(i);
            jdbc.update(
                    "INSERT INTO call_criterion (id, call_id, name, weight, position) VALUES (?, ?, ?, ?, ?)",
                    UUID.randomUUID(),
                    id,
                    criterion.name(),
                    criterion.weight(),
                    i);
        }
        return find(id).orElseThrow();
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
                "SELECT * FROM funding_call c " + where + " ORDER BY c.deadline DESC, c.title",
                (rs, row) -> new Call(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getString("description"),
                        rs.getString("criteria"),
                        rs.getBigDecimal("budget_ceiling_kgs"),
                        rs.getTimestamp("deadline").toInstant(),
                        rs.getObject("eligible_program_id", UUID.class),
                        rs.getBoolean("blind_review"),
                        rs.getInt("review_rounds"),
                        List.of()),
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
                        rubrics.getOrDefault(c.id(), List.of())))
                .toList();
    }

    /** Whether the person completed the program (eligibility for a call that asks it). */
    boolean completed(String subject, UUID program) {
        return jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
                               WHERE e.subject = ? AND c.program_id = ? AND e.status = 'COMPLETED')""", Boolean.class, subject, program);
    }
}
