package org.creativelabs.core.programs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Joining a cohort, attendance and completion. A cohort's seats are given out under its row lock, so it never holds
 * more enrolled members than its capacity. Completion follows the program's rule: the share of the cohort's sessions
 * attended.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "programs")
class EnrollmentController {

    record EnrollmentRequest(@Size(max = 2000) String motivation) {}

    /** Staff decide an application: {@code ENROLLED} (a seat, if one is left) or {@code DECLINED}. */
    record Decision(
            @NotNull Enrollment.Status status, @NotNull Long version) {}

    /** The enrolments present at a session; every other enrolled member of the cohort is recorded absent. */
    record AttendanceRequest(@NotNull @Size(max = 1000) Set<@NotNull UUID> present) {}

    record Completion(List<EnrollmentView> completed, List<EnrollmentView> notYet) {}

    private final CohortRepository cohorts;
    private final ProgramRepository programs;
    private final ProgramSessionRepository sessions;
    private final EnrollmentRepository enrollments;
    private final Attendances attendances;
    private final IdempotencyKeys idempotency;

    EnrollmentController(
            CohortRepository cohorts,
            ProgramRepository programs,
            ProgramSessionRepository sessions,
            EnrollmentRepository enrollments,
            Attendances attendances,
            IdempotencyKeys idempotency) {
        this.cohorts = cohorts;
        this.programs = programs;
        this.sessions = sessions;
        this.enrollments = enrollments;
        this.attendances = attendances;
        this.idempotency = idempotency;
    }

    @PostMapping("/cohorts/{id}/enrollments")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Join a cohort: enrolled at once (while seats last) or an application, as the program says")
    @Transactional
    ResponseEntity<EnrollmentView> enrol(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody EnrollmentRequest request) {
        return idempotency.createOnce(idempotencyKey, request, EnrollmentView.class, () -> {
            Cohort cohort = cohorts.lock(id).orElseThrow(() -> ProgramController.notFound(id));
            String subject = LabAccess.subject();
            if (enrollments.findByCohortIdAndSubject(id, subject).isPresent()) {
                throw Problems.of(HttpStatus.CONFLICT, "already-enrolled");
            }
            Program program = programs.findById(cohort.programId()).orElseThrow();
            Enrollment.Status status;
            if (program.enrolment() == Program.Enrolment.APPLICATION) {
                status = Enrollment.Status.APPLIED;
            } else {
                requireSeat(cohort);
                status = Enrollment.Status.ENROLLED;
            }
            Enrollment enrollment = enrollments.saveAndFlush(new Enrollment(id, subject, status, request.motivation()));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/enrollments/mine")
                            .build(slug))
                    .body(view(enrollment));
        });
    }

    @GetMapping("/cohorts/{id}/enrollments")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "A cohort's enrolments and applications, with attendance")
    @Transactional(readOnly = true)
    PageView<EnrollmentView> list(
            @PathVariable UUID id,
            @SortableBy({"createdAt", "status"}) @PageableDefault(size = 100, sort = "createdAt") Pageable pageable) {
        cohorts.findById(id).orElseThrow(() -> ProgramController.notFound(id));
        return PageView.of(enrollments.findByCohortId(id, pageable), this::view);
    }

    @PostMapping("/enrollments/{id}/decision")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Enrol or decline an applicant")
    @Transactional
    EnrollmentView decide(@PathVariable UUID id, @Valid @RequestBody Decision decision) {
        if (decision.status() != Enrollment.Status.ENROLLED && decision.status() != Enrollment.Status.DECLINED) {
            throw Problems.invalidField("status", "enrolled-or-declined");
        }
        Enrollment enrollment = enrollments
                .findById(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "enrollment-not-found", id));
        Cohort cohort = cohorts.lock(enrollment.cohortId()).orElseThrow();
        if (decision.version() != enrollment.version()) {
            throw new ObjectOptimisticLockingFailureException(Enrollment.class, id);
        }
        if (enrollment.status() != Enrollment.Status.APPLIED) {
            throw Problems.of(HttpStatus.CONFLICT, "not-an-application", id);
        }
        if (decision.status() == Enrollment.Status.ENROLLED) {
            requireSeat(cohort);
        }
        enrollment.decide(decision.status());
        return view(enrollments.saveAndFlush(enrollment));
    }

    @GetMapping("/enrollments/mine")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Your enrolments and applications, with attendance and certificates")
    @Transactional(readOnly = true)
    List<EnrollmentView> mine() {
        return enrollments.findBySubjectOrderByCreatedAt(LabAccess.subject()).stream()
                .map(this::view)
                .toList();
    }

    @PutMapping("/program-sessions/{id}/attendance")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Record who was at a session; recording again replaces it")
    @Transactional
    List<EnrollmentView> attendance(@PathVariable UUID id, @Valid @RequestBody AttendanceRequest request) {
        ProgramSession session =
                sessions.findById(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "session-not-found", id));
        List<Enrollment> seated = seated(session.cohortId());
        List<UUID> seatedIds = seated.stream().map(Enrollment::id).toList();
        if (!seatedIds.containsAll(request.present())) {
            throw Problems.invalidField("present", "not-enrolled-in-cohort");
        }
        attendances.record(id, seatedIds, request.present());
        return seated.stream().map(this::view).toList();
    }

    @PostMapping("/cohorts/{id}/completion")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(
            summary = "Complete the cohort's members who meet the program's rule (a certificate number each);"
                    + " running it again completes only who has since met it")
    @Transactional
    Completion complete(@PathVariable UUID id) {
        Cohort cohort = cohorts.lock(id).orElseThrow(() -> ProgramController.notFound(id));
        Program program = programs.findById(cohort.programId()).orElseThrow();
        if (sessions.countByCohortId(id) == 0) {
            throw Problems.of(HttpStatus.CONFLICT, "no-sessions", id);
        }
        long issued = enrollments.completed(id);
        List<EnrollmentView> completed = new ArrayList<>();
        List<EnrollmentView> notYet = new ArrayList<>();
        for (Enrollment enrollment : enrollments.findByCohortIdAndStatusIn(id, List.of(Enrollment.Status.ENROLLED))) {
            Enrollment.Attendance attended = attendances.of(enrollment);
            if (attended.attended() * 100 >= (long) program.completionPercent() * attended.sessions()) {
                enrollment.complete(
                        "%s-%03d".formatted(id.toString().substring(0, 8).toUpperCase(), ++issued));
                completed.add(view(enrollments.saveAndFlush(enrollment)));
            } else {
                notYet.add(view(enrollment));
            }
        }
        return new Completion(completed, notYet);
    }

    private void requireSeat(Cohort cohort) {
        if (enrollments.seated(cohort.id()) >= cohort.capacity()) {
            throw Problems.of(HttpStatus.CONFLICT, "cohort-full", cohort.capacity());
        }
    }

    private List<Enrollment> seated(UUID cohort) {
        return enrollments.findByCohortIdAndStatusIn(
                cohort, List.of(Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED));
    }

    private EnrollmentView view(Enrollment enrollment) {
        return enrollment.view(attendances.of(enrollment));
    }
}
