package org.creativelabs.core.members;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface MembershipRepository extends JpaRepository<Membership, UUID> {

    Optional<Membership> findBySubject(String subject);
}
