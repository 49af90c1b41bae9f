package org.creativelabs.core.programs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A member in a cohort: applied, enrolled, declined, withdrawn, or completed with a certificate. */
@Entity
@Table(name = "enrollment")
class Enrollment {

    enum Status {
        APPLIED,
        ENROLLED,
        DECLINED,
        WITHDRAWN,
        COMPLETED;

        /** Takes a seat in the cohort. */
        boolean seated() {
            return this == ENROLLED || this == COMPLETED;
        }
    }

    @Id
    private UUID id;

    @Column(name = "cohort_id")
    private UUID cohortId;

    private String subject;

    @Enumerated(EnumType.STRING)
    private Status status;

    private String motivation;

    @Column(name = "certificate_no")
    private String certificateNo;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Enrollment() {}

    Enrollment(UUID cohortId, String subject, Status status, String motivation) {
        this.id = UUID.randomUUID();
        this.cohortId = cohortId;
        this.subject = subject;
        this.status = status;
        this.motivation = motivation;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void decide(Status decided) {
        this.status = decided;
        this.updatedAt = Instant.now();
    }

    void complete(String certificate) {
        this.status = Status.COMPLETED;
        this.certificateNo = certificate;
        this.completedAt = Instant.now();
        this.updatedAt = completedAt;
    }

    UUID id() {
        return id;
    }

    UUID cohortId() {
        return cohortId;
    }

    String subject() {
        return subject;
    }

    Status status() {
        return status;
    }

    long version() {
        return version;
    }

    EnrollmentView view(Attendance attendance) {
        return new EnrollmentView(
                id,
                cohortId,
                status,
                motivation,
                attendance.attended(),
                attendance.sessions(),
                certificateNo,
                completedAt,
                version,
                createdAt);
    }

    /** Sessions attended out of the cohort's sessions. */
    record Attendance(long attended, long sessions) {}
}
