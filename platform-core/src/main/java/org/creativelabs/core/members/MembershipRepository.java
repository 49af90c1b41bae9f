package org.creativelabs.core.members;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
public interface MembershipRepository extends JpaRepository<Membership, UUID>, JpaSpecificationExecutor<Membership> {

    Optional<Membership> findBySubject(String subject);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from Membership m where m.subject = :subject")
    Optional<Membership> lockBySubject(String subject);

    /** Memberships with this role (when given) and this activity (when given). */
    default Page<Membership> search(LabRole role, Boolean active, Pageable pageable) {
        Specification<Membership> filter = (root, query, cb) -> cb.and(java.util.stream.Stream.of(
                        role == null
                                ? null
                                : cb.isTrue(cb.function(
                                        "array_contains", Boolean.class, root.get("roles"), cb.literal(role.value()))),
                        active == null ? null : cb.equal(root.get("active"), active))
                .filter(java.util.Objects::nonNull)
                .toArray(jakarta.persistence.criteria.Predicate[]::new));
        return findAll(filter, pageable);
    }
}
