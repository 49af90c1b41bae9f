package org.creativelabs.core.programs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A class or meeting of a cohort, in one of the lab's spaces or elsewhere. */
@Entity
@Table(name = "program_session")
class ProgramSession {

    @Id
    private UUID id;

    @Column(name = "cohort_id")
    private UUID cohortId;

    private String title;

    @Column(name = "starts_at")
    private Instant startsAt;

    @Column(name = "ends_at")
    private Instant endsAt;

    @Column(name = "space_id")
    private UUID spaceId;

    private String place;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected ProgramSession() {}

    ProgramSession(UUID cohortId, SessionRequest request) {
        this.id = UUID.randomUUID();
        this.cohortId = cohortId;
        this.title = request.title();
        this.startsAt = request.startsAt();
        this.endsAt = request.endsAt();
        this.spaceId = request.spaceId();
        this.place = request.place();
        this.createdAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    UUID cohortId() {
        return cohortId;
    }

    SessionView view() {
        return new SessionView(id, cohortId, title, startsAt, endsAt, spaceId, place);
    }
}
