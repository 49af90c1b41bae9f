package org.creativelabs.core.spaces;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

/** Lab data is reachable only inside a transaction, which binds it to the lab (see ModularityTests). */
@Transactional(readOnly = true)
interface SpaceRepository extends JpaRepository<Space, UUID> {

    Page<Space> findByKind(SpaceKind kind, Pageable pageable);
}
