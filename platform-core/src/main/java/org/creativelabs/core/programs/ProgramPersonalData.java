package org.creativelabs.core.programs;

import java.util.Map;
import org.creativelabs.core.members.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's enrolments (with motivation, attendance and certificates) and mentoring in their export. On erasure their
 * enrolments and mentor assignments take the pseudonym; the motivation they wrote and the topics of mentoring
 * sessions they took part in (as mentee or mentor) go. Completions, attendance and hours stay, so the counts hold.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ProgramPersonalData implements PersonalData {

    private final EnrollmentRepository enrollments;
    private final MentorAssignmentRepository assignments;
    private final Attendances attendances;
    private final JdbcTemplate jdbc;

    ProgramPersonalData(
            EnrollmentRepository enrollments,
            MentorAssignmentRepository assignments,
            Attendances attendances,
            JdbcTemplate jdbc) {
        this.enrollments = enrollments;
        this.assignments = assignments;
        this.attendances = attendances;
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "programs";
    }

    @Override
    public Object export(String subject) {
        return Map.of(
                "enrollments",
                enrollments.findBySubjectOrderByCreatedAt(subject).stream()
                        .map(e -> e.view(attendances.of(e)))
                        .toList(),
                "mentoringSessions",
                jdbc.queryForList("""
                        SELECT s.held_on, s.hours, s.topic,
                               CASE WHEN a.mentor_subject = ? THEN 'mentor' ELSE 'mentee' END AS "as"
                        FROM mentoring_session s JOIN mentor_assignment a ON a.id = s.assignment_id
                        JOIN enrollment e ON e.id = a.enrollment_id
                        WHERE a.mentor_subject = ? OR e.subject = ? ORDER BY s.held_on""", subject, subject, subject));
    }

    @Override
    public void erase(String subject, String pseudonym) {
        jdbc.update("""
                UPDATE mentoring_session s SET topic = NULL FROM mentor_assignment a JOIN enrollment e
                  ON e.id = a.enrollment_id
                WHERE a.id = s.assignment_id AND (a.mentor_subject = ? OR e.subject = ?)""", subject, subject);
        jdbc.update("UPDATE mentor_assignment SET mentor_subject = ? WHERE mentor_subject = ?", pseudonym, subject);
        jdbc.update(
                "UPDATE enrollment SET subject = ?, motivation = NULL, updated_at = now() WHERE subject = ?",
                pseudonym,
                subject);
        enrollments.flush();
    }
}
