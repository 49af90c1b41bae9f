package org.creativelabs.core.programs;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface ProgramRepository extends JpaRepository<Program, UUID> {

    Optional<Program> findByTitle(String title);
}
