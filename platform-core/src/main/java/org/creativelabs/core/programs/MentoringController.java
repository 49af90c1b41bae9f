package org.creativelabs.core.programs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Mentors (members with the mentor role) assigned to mentees of a cohort, and the sessions they log. A program may cap
 * a mentor's hours per mentee in a cohort: a session past the cap is refused. Logging is serialised per assignment by
 * the cohort's row lock, so two sessions logged at once cannot both slip under the cap.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "mentoring", description = "Mentors, mentees and mentoring sessions")
class MentoringController {

    /** Assign a mentor (by their membership) to an enrolled mentee of the cohort. */
    record AssignmentRequest(
            @NotNull UUID mentorMembershipId, @NotNull UUID enrollmentId) {}

    record AssignmentView(UUID id, UUID cohortId, UUID enrollmentId, BigDecimal hoursLogged, BigDecimal hoursCap) {}

    record SessionLog(
            // today or earlier on the lab's calendar (checked in log(): a validator's clock is the server's, in UTC)
            @NotNull LocalDate heldOn,

            @NotNull @DecimalMin("0.25") @DecimalMax("12") @Digits(integer = 2, fraction = 2) BigDecimal hours,

            @Size(max = 500) String topic) {}

    record LoggedSession(UUID id, UUID assignmentId, LocalDate heldOn, BigDecimal hours, String topic) {}

    /** What a person sees of mentoring: as a mentor, their mentees' assignments; as a mentee, their mentors' sessions. */
    record Mine(List<AssignmentView> asMentor, List<AssignmentView> asMentee, List<LoggedSession> sessions) {}

    private final CohortRepository cohorts;
    private final ProgramRepository programs;
    private final EnrollmentRepository enrollments;
    private final MentorAssignmentRepository assignments;
    private final LabAccess access;
    private final IdempotencyKeys idempotency;
    private final JdbcTemplate jdbc;
    private final org.creativelabs.core.tenancy.LabTimeZone zone;

    MentoringController(
            CohortRepository cohorts,
            ProgramRepository programs,
            EnrollmentRepository enrollments,
            MentorAssignmentRepository assignments,
            LabAccess access,
            IdempotencyKeys idempotency,
            JdbcTemplate jdbc,
            org.creativelabs.core.tenancy.LabTimeZone zone) {
        this.zone = zone;
        this.cohorts = cohorts;
        this.programs = programs;
        this.enrollments = enrollments;
        this.assignments = assignments;
        this.access = access;
        this.idempotency = idempotency;
        this.jdbc = jdbc;
    }

    @PostMapping("/cohorts/{id}/mentors")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Assign a mentor to a mentee of the cohort")
    @Transactional
    ResponseEntity<AssignmentView> assign(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody AssignmentRequest request) {
        return idempotency.createOnce(idempotencyKey, request, AssignmentView.class, () -> {
            cohorts.findById(id).orElseThrow(() -> ProgramController.notFound(id));
            String mentor = access.memberWithRole(request.mentorMembershipId(), "mentor")
                    .orElseThrow(() -> Problems.invalidField("mentorMembershipId", "not-a-mentor"));
            Enrollment mentee = enrollments
                    .findById(request.enrollmentId())
                    .filter(e -> e.cohortId().equals(id) && e.status().seated())
                    .orElseThrow(() -> Problems.invalidField("enrollmentId", "not-enrolled-in-cohort"));
            if (mentor.equals(mentee.subject())) {
                throw Problems.invalidField("mentorMembershipId", "own-mentor");
            }
            if (assignments.existsByEnrollmentIdAndMentorSubject(mentee.id(), mentor)) {
                throw Problems.of(HttpStatus.CONFLICT, "already-assigned");
            }
            MentorAssignment assignment = assignments.saveAndFlush(new MentorAssignment(id, mentor, mentee.id()));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/mentoring/mine")
                            .build(slug))
                    .body(view(assignment));
        });
    }

    @PostMapping("/mentor-assignments/{id}/sessions")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Log a mentoring session (the assigned mentor, or staff), within the program's cap")
    @Transactional
    ResponseEntity<LoggedSession> log(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SessionLog request) {
        if (request.heldOn().isAfter(LocalDate.now(zone.current()))) {
            throw Problems.invalidField("heldOn", "not-in-the-future");
        }
        return idempotency.createOnce(idempotencyKey, request, LoggedSession.class, () -> {
            MentorAssignment assignment = assignments
                    .findById(id)
                    .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "assignment-not-found", id));
            if (!assignment.mentorSubject().equals(LabAccess.subject()) && !access.hasAnyRole("lab-admin", "staff")) {
                throw Problems.withMessage(HttpStatus.FORBIDDEN, "forbidden", "forbidden.not-the-mentor");
            }
            Cohort cohort = cohorts.lock(assignment.cohortId()).orElseThrow();
            BigDecimal cap = programs.findById(cohort.programId()).orElseThrow().mentorHoursCap();
            BigDecimal logged = hours(id);
            if (cap != null && logged.add(request.hours()).compareTo(cap) > 0) {
                throw Problems.of(HttpStatus.CONFLICT, "mentor-hours-cap", cap, logged);
            }
            UUID session = UUID.randomUUID();
            jdbc.update(
                    "INSERT INTO mentoring_session (id, assignment_id, held_on, hours, topic) VALUES (?, ?, ?, ?, ?)",
                    session,
                    id,
                    request.heldOn(),
                    request.hours(),
                    request.topic());
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/mentoring/mine")
                            .build(slug))
                    .body(new LoggedSession(session, id, request.heldOn(), request.hours(), request.topic()));
        });
    }

    @GetMapping("/mentoring/mine")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Your mentoring: mentees you mentor, mentors you have, and the sessions logged")
    @Transactional(readOnly = true)
    Mine mine() {
        String subject = LabAccess.subject();
        List<MentorAssignment> asMentor = assignments.findByMentorSubject(subject);
        List<UUID> myEnrollments = enrollments.findBySubjectOrderByCreatedAt(subject).stream()
                .map(Enrollment::id)
                .toList();
        List<MentorAssignment> asMentee =
                myEnrollments.isEmpty() ? List.of() : assignments.findByEnrollmentIdIn(myEnrollments);
        List<LoggedSession> sessions = java.util.stream.Stream.concat(asMentor.stream(), asMentee.stream())
                .flatMap(a -> jdbc
                        .query(
                                "SELECT id, held_on, hours, topic FROM mentoring_session WHERE assignment_id = ?"
                                        + " ORDER BY held_on, created_at",
                                (rs, row) -> new LoggedSession(
                                        rs.getObject("id", UUID.class),
                                        a.id(),
                                        rs.getObject("held_on", LocalDate.class),
                                        rs.getBigDecimal("hours"),
                                        rs.getString("topic")),
                                a.id())
                        .stream())
                .toList();
        return new Mine(
                asMentor.stream().map(this::view).toList(),
                asMentee.stream().map(this::view).toList(),
                sessions);
    }

    private BigDecimal hours(UUID assignment) {
        return jdbc.queryForObject(
                "SELECT coalesce(sum(hours), 0) FROM mentoring_session WHERE assignment_id = ?",
                BigDecimal.class,
                assignment);
    }

    private AssignmentView view(MentorAssignment assignment) {
        Cohort cohort = cohorts.findById(assignment.cohortId()).orElseThrow();
        return new AssignmentView(
                assignment.id(),
                assignment.cohortId(),
                assignment.enrollmentId(),
                hours(assignment.id()),
                programs.findById(cohort.programId()).orElseThrow().mentorHoursCap());
    }
}
