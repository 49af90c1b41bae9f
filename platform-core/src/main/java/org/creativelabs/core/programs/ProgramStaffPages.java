package org.creativelabs.core.programs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.creativelabs.core.members.privacy.MemberNames;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Staff's programmes page: each cohort's people by name (applications to decide), its sessions with who came, and
 * completing the cohort (certificates for those who met the program's rule).
 */
@Controller
@RequestMapping("/api/labs/{slug}/portal/staff")
class ProgramStaffPages {

    /** An enrolment and the name of its member. */
    record Row(EnrollmentView enrollment, String name) {

        public boolean seated() {
            return enrollment.status() == Enrollment.Status.ENROLLED
                    || enrollment.status() == Enrollment.Status.COMPLETED;
        }
    }

    private final ProgramController programs;
    private final EnrollmentController enrollments;
    private final EnrollmentRepository repository;
    private final MemberNames names;

    ProgramStaffPages(
            ProgramController programs,
            EnrollmentController enrollments,
            EnrollmentRepository repository,
            MemberNames names) {
        this.programs = programs;
        this.enrollments = enrollments;
        this.repository = repository;
        this.names = names;
    }

    @GetMapping("/programs")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional(readOnly = true)
    String programs(Model model) {
        List<ProgramView> all =
                programs.list(PageRequest.of(0, 100, Sort.by("title"))).items();
        Map<UUID, List<Row>> rows = new HashMap<>();
        Map<UUID, List<SessionView>> sessions = new HashMap<>();
        for (ProgramView program : all) {
            for (CohortView cohort : program.cohorts()) {
                Map<UUID, String> subjects = repository.findByCohortId(cohort.id(), PageRequest.of(0, 500)).stream()
                        .collect(Collectors.toMap(Enrollment::id, Enrollment::subject));
                Map<String, String> named = names.ofSubjects(subjects.values());
                rows.put(
                        cohort.id(),
                        enrollments.list(cohort.id(), PageRequest.of(0, 500, Sort.by("createdAt"))).items().stream()
                                .map(e -> new Row(e, named.get(subjects.get(e.id()))))
                                .toList());
                sessions.put(cohort.id(), programs.cohort(cohort.id()).sessions());
            }
        }
        model.addAttribute("programs", all);
        model.addAttribute("rows", rows);
        model.addAttribute("sessions", sessions);
        return "portal/staff-programs";
    }
}
