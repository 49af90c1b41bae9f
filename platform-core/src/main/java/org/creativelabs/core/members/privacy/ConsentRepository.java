package org.creativelabs.core.members.privacy;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface ConsentRepository extends JpaRepository<Consent, UUID> {

    List<Consent> findByMembershipIdOrderByGivenAt(UUID membershipId);
}
