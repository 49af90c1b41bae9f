package org.creativelabs.core.funding;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewers and their scores. A reviewer declares a conflict of interest before they may see an application; a
 * declared conflict keeps them from scoring it, and a scored review counts in the application's average (each
 * review's score weighted by the rubric, then averaged over the reviews).
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Reviews {

    record Assignment(
            UUID id,
            UUID applicationId,
            String reviewerSubject,
            int round,
            Boolean conflict,
            Instant declaredAt,
            String comment,
            Instant scoredAt) {}

    record Score(UUID criterionId, int score) {}

    /** An application's weighted average over its scored reviews, and how many there are. */
    record Average(BigDecimal score, int reviews) {}

    private final JdbcTemplate jdbc;

    Reviews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    UUID assign(UUID application, String reviewer, int round) {
        if (jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM review_assignment WHERE application_id = ? AND reviewer_subject = ?"
                        + " AND round = ?)",
                Boolean.class,
                application,
                reviewer,
                round)) {
            throw Problems.of(HttpStatus.CONFLICT, "reviewer-assigned");
        }
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO review_assignment (id, application_id, reviewer_subject, round) VALUES (?, ?, ?, ?)",
                id,
                application,
                reviewer,
                round);
        return id;
    }

    /** The reviewer's own assignment: anyone else's is a 404, as if it did not exist. */
    Assignment own(UUID id, String reviewer) {
        return jdbc
                .query("SELECT * FROM review_assignment WHERE id = ? AND reviewer_subject = ?", this::map, id, reviewer)
                .stream()
                .findFirst()
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "review-not-found", id));
    }

    List<Assignment> of(String reviewer) {
        return jdbc.query(
                "SELECT * FROM review_assignment WHERE reviewer_subject = ? ORDER BY created_at", this::map, reviewer);
    }

    void declare(Assignment assignment, boolean conflict, String note) {
        if (assignment.scoredAt() != null) {
            throw Problems.of(HttpStatus.CONFLICT, "review-scored");
        }
        jdbc.update(
                "UPDATE review_assignment SET conflict = ?, conflict_note = ?, declared_at = now() WHERE id = ?",
                conflict,
                note,
                assignment.id());
    }

    void score(Assignment assignment, List<Score> scores, String comment) {
        jdbc.update("DELETE FROM review_score WHERE assignment_id = ?", assignment.id());
        for (Score score : scores) {
            jdbc.update(
                    "INSERT INTO review_score (assignment_id, criterion_id, score) VALUES (?, ?, ?)",
                    assignment.id(),
                    score.criterionId(),
                    score.score());
        }
        jdbc.update(
                "UPDATE review_assignment SET comment = ?, scored_at = now() WHERE id = ?", comment, assignment.id());
    }

    Map<UUID, Integer> scoresOf(UUID assignment) {
        Map<UUID, Integer> scores = new HashMap<>();
        jdbc.query(
                "SELECT criterion_id, score FROM review_score WHERE assignment_id = ?",
                rs -> {
                    scores.put(rs.getObject(1, UUID.class), rs.getInt(2));
                },
                assignment);
        return scores;
    }

    /** Per application of the call: the average of its scored, unconflicted reviews (weighted by the rubric). */
    Map<UUID, Average> averages(UUID call) {
        Map<UUID, Average> averages = new HashMap<>();
        jdbc.query(
                """
                SELECT w.application_id, round(avg(w.weighted), 2) AS average, count(*) AS reviews FROM (
                  SELECT r.id, r.application_id, sum(s.score * c.weight)::numeric / sum(c.weight) AS weighted
                  FROM review_assignment r JOIN review_score s ON s.assignment_id = r.id
                  JOIN call_criterion c ON c.id = s.criterion_id
                  WHERE r.conflict = false AND r.scored_at IS NOT NULL GROUP BY r.id, r.application_id) w
                JOIN funding_application a ON a.id = w.application_id WHERE a.call_id = ?
                GROUP BY w.application_id""",
                rs -> {
                    averages.put(
                            rs.getObject("application_id", UUID.class),
                            new Average(rs.getBigDecimal("average"), rs.getInt("reviews")));
                },
                call);
        return averages;
    }

    /** Reviews declared conflicted, per application of the call (their scores never count). */
    Map<UUID, Integer> conflicts(UUID call) {
        Map<UUID, Integer> conflicts = new HashMap<>();
        jdbc.query(
                """
                SELECT r.application_id, count(*) FROM review_assignment r JOIN funding_application a
                  ON a.id = r.application_id WHERE a.call_id = ? AND r.conflict GROUP BY r.application_id""",
                rs -> {
                    conflicts.put(rs.getObject(1, UUID.class), rs.getInt(2));
                },
                call);
        return conflicts;
    }

    private Assignment map(ResultSet rs, int row) throws SQLException {
        return new Assignment(
                rs.getObject("id", UUID.class),
                rs.getObject("application_id", UUID.class),
                rs.getString("reviewer_subject"),
                rs.getInt("round"),
                (Boolean) rs.getObject("conflict"),
                Applications.instant(rs, "declared_at"),
                rs.getString("comment"),
                Applications.instant(rs, "scored_at"));
    }
}
