package org.creativelabs.core.members.privacy;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface ProfileRepository extends JpaRepository<MemberProfile, UUID> {

    /** Profiles shown to other members, of people whose membership is active. */
    @Query("""
            select p from MemberProfile p where p.visibility = org.creativelabs.core.members.privacy.MemberProfile.Visibility.MEMBERS
            and exists (select m from Membership m where m.id = p.membershipId and m.active = true)""")
    Page<MemberProfile> findShownToMembers(Pageable pageable);
}
