package org.creativelabs.core.programs;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The portal's programmes page: the lab's programs and cohorts with seats left, joining one, and my enrolments. */
@Controller
@RequestMapping("/api/labs/{slug}/portal")
class ProgramPages {

    private final ProgramController programs;
    private final EnrollmentController enrollments;

    ProgramPages(ProgramController programs, EnrollmentController enrollments) {
        this.programs = programs;
        this.enrollments = enrollments;
    }

    @GetMapping("/programs")
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    String programs(Model model) {
        Map<UUID, EnrollmentView> mine = enrollments.mine().stream()
                .collect(Collectors.toMap(EnrollmentView::cohortId, Function.identity(), (a, b) -> b));
        model.addAttribute(
                "programs",
                programs.list(PageRequest.of(0, 100, Sort.by("title"))).items());
        model.addAttribute("mine", mine);
        // the sessions of the cohorts I am in, to come first
        Map<UUID, java.util.List<SessionView>> sessions = new java.util.HashMap<>();
        mine.values().stream()
                .filter(e -> e.status() == Enrollment.Status.ENROLLED || e.status() == Enrollment.Status.COMPLETED)
                .forEach(e ->
                        sessions.put(e.cohortId(), programs.cohort(e.cohortId()).sessions()));
        model.addAttribute("sessions", sessions);
        return "portal/programs";
    }
}
