package org.creativelabs.core.programs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A course or a mentoring track the lab runs in cohorts, with the rule by which a participant completes it. */
@Entity
@Table(name = "program")
class Program {

    enum Kind {
        COURSE,
        MENTORING
    }

    /** Whether members join a cohort at once (while seats last) or apply and staff decide. */
    enum Enrolment {
        DIRECT,
        APPLICATION
    }

    @Id
    private UUID id;

    private String title;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String description;

    @Enumerated(EnumType.STRING)
    private Enrolment enrolment;

    @Column(name = "completion_percent")
    private int completionPercent;

    @Column(name = "mentor_hours_cap")
    private BigDecimal mentorHoursCap;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Program() {}

    Program(ProgramRequest request) {
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now();
        apply(request);
    }

    void apply(ProgramRequest request) {
        this.title = request.title();
        this.kind = request.kind();
        this.description = request.description();
        this.enrolment = request.enrolment();
        this.completionPercent = request.completionPercentOrDefault();
        this.mentorHoursCap = request.mentorHoursCap();
        this.updatedAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    String title() {
        return title;
    }

    Enrolment enrolment() {
        return enrolment;
    }

    int completionPercent() {
        return completionPercent;
    }

    BigDecimal mentorHoursCap() {
        return mentorHoursCap;
    }

    long version() {
        return version;
    }

    ProgramRequest request() {
        return new ProgramRequest(title, kind, description, enrolment, completionPercent, mentorHoursCap, null);
    }

    ProgramView view(List<CohortView> cohorts) {
        return new ProgramView(
                id, title, kind, description, enrolment, completionPercent, mentorHoursCap, version, cohorts);
    }
}
