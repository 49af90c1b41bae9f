package org.creativelabs.core.programs;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface EnrollmentRepository extends JpaRepository<Enrollment, UUID> {

    Optional<Enrollment> findByCohortIdAndSubject(UUID cohortId, String subject);

    Page<Enrollment> findByCohortId(UUID cohortId, Pageable pageable);

    List<Enrollment> findByCohortIdAndStatusIn(UUID cohortId, Collection<Enrollment.Status> statuses);

    List<Enrollment> findBySubjectOrderByCreatedAt(String subject);

    @Query("SELECT count(e) FROM Enrollment e WHERE e.cohortId = :cohortId AND e.status IN ('ENROLLED', 'COMPLETED')")
    long seated(UUID cohortId);

    @Query("SELECT count(e) FROM Enrollment e WHERE e.cohortId = :cohortId AND e.status = 'COMPLETED'")
    long completed(UUID cohortId);
}
