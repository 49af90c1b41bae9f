package org.creativelabs.core.events;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface NetworkContactRepository extends JpaRepository<NetworkContact, UUID> {

    Optional<NetworkContact> findByContactKey(String contactKey);

    /** Contacts, optionally only ambassadors; erased ones stay out of the list (they still count). */
    @Query(
            "SELECT c FROM NetworkContact c WHERE c.erasedAt IS NULL AND (:ambassadors = false OR c.ambassadorRole IS NOT NULL)")
    Page<NetworkContact> search(boolean ambassadors, Pageable pageable);
}
