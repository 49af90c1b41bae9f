package org.creativelabs.core.programs;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface CohortRepository extends JpaRepository<Cohort, UUID> {

    /** The cohort, locked until the transaction ends: its seats are given out one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT c FROM Cohort c WHERE c.id = :id")
    Optional<Cohort> lock(UUID id);

    List<Cohort> findByProgramIdOrderByStartsOn(UUID programId);

    boolean existsByProgramIdAndName(UUID programId, String name);
}
