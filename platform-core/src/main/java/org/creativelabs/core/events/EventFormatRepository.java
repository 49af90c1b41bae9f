package org.creativelabs.core.events;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface EventFormatRepository extends JpaRepository<EventFormat, UUID> {

    Optional<EventFormat> findByName(String name);
}
