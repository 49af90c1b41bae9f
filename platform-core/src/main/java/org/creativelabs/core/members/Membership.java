package org.creativelabs.core.members;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person's roles in this lab, keyed by their Keycloak subject. */
@Entity
@Table(name = "membership")
public class Membership {

    @Id
    private UUID id;

    private String subject;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] roles;

    private boolean active;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @Column(name = "plan_id")
    private UUID planId;

    protected Membership() {}

    Membership(String subject, Set<LabRole> roles) {
        this.id = UUID.randomUUID();
        this.subject = subject;
        this.active = true;
        this.createdAt = Instant.now();
        change(roles, true);
    }

    void choosePlan(UUID plan) {
        this.planId = plan;
        this.updatedAt = Instant.now();
    }

    public UUID planId() {
        return planId;
    }

    void change(Set<LabRole> newRoles, boolean nowActive) {
        this.roles = newRoles.stream().sorted().map(LabRole::value).toArray(String[]::new);
        this.active = nowActive;
        this.updatedAt = Instant.now();
    }

    /** Personal data is gone: the record keeps its roles and dates for anonymous aggregates, under a pseudonym. */
    public void erase() {
        subject = pseudonym();
        active = false;
        erasedAt = Instant.now();
        updatedAt = erasedAt;
    }

    public String pseudonym() {
        return "erased:" + id;
    }

    public boolean erased() {
        return erasedAt != null;
    }

    public String subject() {
        return subject;
    }

    public Set<LabRole> roles() {
        return Arrays.stream(roles)
                .map(LabRole::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LabRole.class)));
    }

    boolean active() {
        return active;
    }

    /** Active with a role beyond applicant: approved by staff (or seated), so mirrored into the organization. */
    boolean approvedMember() {
        return active && roles().stream().anyMatch(role -> role != LabRole.APPLICANT);
    }

    long version() {
        return version;
    }

    public UUID id() {
        return id;
    }

    public MembershipView view() {
        return new MembershipView(id, subject, roles(), planId, active, version, createdAt, updatedAt, erasedAt);
    }
}
