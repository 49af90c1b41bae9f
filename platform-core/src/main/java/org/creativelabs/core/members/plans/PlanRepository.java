package org.creativelabs.core.members.plans;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
public interface PlanRepository extends JpaRepository<MembershipPlan, UUID> {

    Page<MembershipPlan> findByActive(boolean active, Pageable pageable);
}
