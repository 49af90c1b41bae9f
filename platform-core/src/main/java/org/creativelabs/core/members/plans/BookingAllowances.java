package org.creativelabs.core.members.plans;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.creativelabs.core.members.LabRole;
import org.creativelabs.core.members.MembershipRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking allowances per membership plan, for the bookings feature. Staff and lab admins book without limit, as does
 * anyone without a plan or on a plan without hours; otherwise the plan's monthly hours apply.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class BookingAllowances {

    private static final Set<LabRole> UNLIMITED = EnumSet.of(LabRole.LAB_ADMIN, LabRole.STAFF);

    private final MembershipRepository memberships;
    private final PlanRepository plans;

    BookingAllowances(MembershipRepository memberships, PlanRepository plans) {
        this.memberships = memberships;
        this.plans = plans;
    }

    /** The person's monthly allowance in hours, empty when unlimited. */
    public OptionalInt monthlyHours(String subject) {
        return memberships
                .findBySubject(subject)
                .filter(m -> m.planId() != null && m.roles().stream().noneMatch(UNLIMITED::contains))
                .flatMap(m -> plans.findById(m.planId()))
                .map(MembershipPlan::monthlyBookingHours)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    /**
     * As {@link #monthlyHours}, and a limited person's membership row stays locked until the transaction ends, so two
     * of their bookings at once cannot both spend the last hours.
     */
    public OptionalInt lockMonthlyHours(String subject) {
        OptionalInt hours = monthlyHours(subject);
        if (hours.isPresent()) {
            memberships.lockBySubject(subject);
        }
        return hours;
    }
}
