package org.creativelabs.core.spaces;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface BookingSeriesRepository extends JpaRepository<BookingSeries, UUID> {

    List<BookingSeries> findByBookedBy(String subject);

    @Modifying
    @Transactional
    @Query("UPDATE BookingSeries s SET s.bookedBy = :pseudonym WHERE s.bookedBy = :subject")
    int pseudonymise(String subject, String pseudonym);
}
