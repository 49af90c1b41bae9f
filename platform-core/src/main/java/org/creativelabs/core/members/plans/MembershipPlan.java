package org.creativelabs.core.members.plans;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What a membership includes: a monthly booking allowance in hours (none means no limit) and its fee in som. */
@Entity
@Table(name = "membership_plan")
public class MembershipPlan {

    @Id
    private UUID id;

    private String name;

    private String description;

    @Column(name = "monthly_booking_hours")
    private Integer monthlyBookingHours;

    @Column(name = "monthly_fee_kgs")
    private BigDecimal monthlyFeeKgs;

    private boolean active;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected MembershipPlan() {}

    MembershipPlan(PlanRequest request) {
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now();
        change(request);
    }

    void change(PlanRequest request) {
        name = request.name().strip();
        description = request.description();
        monthlyBookingHours = request.monthlyBookingHours();
        monthlyFeeKgs = request.monthlyFeeKgs() == null ? BigDecimal.ZERO : request.monthlyFeeKgs();
        active = request.active() == null || request.active();
    }

    UUID id() {
        return id;
    }

    long version() {
        return version;
    }

    public boolean active() {
        return active;
    }

    Integer monthlyBookingHours() {
        return monthlyBookingHours;
    }

    PlanView view() {
        return new PlanView(id, name, description, monthlyBookingHours, monthlyFeeKgs, active, version, createdAt);
    }
}
