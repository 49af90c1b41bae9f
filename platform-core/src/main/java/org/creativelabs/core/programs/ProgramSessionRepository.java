package org.creativelabs.core.programs;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface ProgramSessionRepository extends JpaRepository<ProgramSession, UUID> {

    List<ProgramSession> findByCohortIdOrderByStartsAt(UUID cohortId);

    long countByCohortId(UUID cohortId);
}
