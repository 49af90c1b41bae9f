package org.creativelabs.core.programs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A mentor assigned to a mentee's enrolment in a cohort. */
@Entity
@Table(name = "mentor_assignment")
class MentorAssignment {

    @Id
    private UUID id;

    @Column(name = "cohort_id")
    private UUID cohortId;

    @Column(name = "mentor_subject")
    private String mentorSubject;

    @Column(name = "enrollment_id")
    private UUID enrollmentId;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected MentorAssignment() {}

    MentorAssignment(UUID cohortId, String mentorSubject, UUID enrollmentId) {
        this.id = UUID.randomUUID();
        this.cohortId = cohortId;
        this.mentorSubject = mentorSubject;
        this.enrollmentId = enrollmentId;
        this.createdAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    UUID cohortId() {
        return cohortId;
    }

    String mentorSubject() {
        return mentorSubject;
    }

    UUID enrollmentId() {
        return enrollmentId;
    }
}
