package org.creativelabs.core.programs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One run of a program: its dates and seats. */
@Entity
@Table(name = "cohort")
class Cohort {

    @Id
    private UUID id;

    @Column(name = "program_id")
    private UUID programId;

    private String name;

    @Column(name = "starts_on")
    private LocalDate startsOn;

    @Column(name = "ends_on")
    private LocalDate endsOn;

    private int capacity;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected Cohort() {}

    Cohort(UUID programId, CohortRequest request) {
        this.id = UUID.randomUUID();
        this.programId = programId;
        this.name = request.name();
        this.startsOn = request.startsOn();
        this.endsOn = request.endsOn();
        this.capacity = request.capacity();
        this.createdAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    UUID programId() {
        return programId;
    }

    int capacity() {
        return capacity;
    }

    CohortView view(long enrolled) {
        return new CohortView(id, programId, name, startsOn, endsOn, capacity, Math.max(0, capacity - enrolled));
    }
}
