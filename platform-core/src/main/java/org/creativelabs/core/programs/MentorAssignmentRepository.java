package org.creativelabs.core.programs;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface MentorAssignmentRepository extends JpaRepository<MentorAssignment, UUID> {

    List<MentorAssignment> findByMentorSubject(String mentorSubject);

    List<MentorAssignment> findByEnrollmentIdIn(List<UUID> enrollmentIds);

    boolean existsByEnrollmentIdAndMentorSubject(UUID enrollmentId, String mentorSubject);
}
