package org.creativelabs.core.branding;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface BrandingRepository extends JpaRepository<Branding, Boolean> {

    default Branding current() {
        return findById(true).orElseThrow(() -> new IllegalStateException("The lab's branding row is missing"));
    }
}
