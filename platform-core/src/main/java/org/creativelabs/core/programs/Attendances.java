package org.creativelabs.core.programs;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Who was at which session: one row per session and enrolment, present or absent; recording again replaces it. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Attendances {

    private final JdbcTemplate jdbc;

    Attendances(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID session, Collection<UUID> seated, Collection<UUID> present) {
        for (UUID enrollment : seated) {
            jdbc.update("""
                    INSERT INTO attendance (session_id, enrollment_id, present) VALUES (?, ?, ?)
                    ON CONFLICT (session_id, enrollment_id) DO UPDATE SET present = excluded.present, recorded_at = now()""", session, enrollment, present.contains(enrollment));
        }
    }

    Enrollment.Attendance of(Enrollment enrollment) {
        return jdbc.queryForObject(
                """
                SELECT (SELECT count(*) FROM attendance a JOIN program_session s ON s.id = a.session_id
                        WHERE a.enrollment_id = ? AND a.present AND s.cohort_id = ?),
                       (SELECT count(*) FROM program_session WHERE cohort_id = ?)""",
                (rs, row) -> new Enrollment.Attendance(rs.getLong(1), rs.getLong(2)),
                enrollment.id(),
                enrollment.cohortId(),
                enrollment.cohortId());
    }
}
