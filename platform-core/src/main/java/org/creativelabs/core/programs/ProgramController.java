package org.creativelabs.core.programs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
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

/** Programs, their cohorts and sessions: members see them, staff plan them. */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "programs", description = "Training programs and mentoring tracks, cohorts and sessions")
class ProgramController {

    private final ProgramRepository programs;
    private final CohortRepository cohorts;
    private final ProgramSessionRepository sessions;
    private final EnrollmentRepository enrollments;
    private final IdempotencyKeys idempotency;
    private final JdbcTemplate jdbc;

    ProgramController(
            ProgramRepository programs,
            CohortRepository cohorts,
            ProgramSessionRepository sessions,
            EnrollmentRepository enrollments,
            IdempotencyKeys idempotency,
            JdbcTemplate jdbc) {
        this.programs = programs;
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.enrollments = enrollments;
        this.idempotency = idempotency;
        this.jdbc = jdbc;
    }

    /** The programs with their cohorts and seats left. */
    record CohortDetail(CohortView cohort, String programTitle, List<SessionView> sessions) {}

    @GetMapping("/programs")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "The lab's programs with their cohorts and seats left")
    @Transactional(readOnly = true)
    PageView<ProgramView> list(
            @SortableBy({"title", "createdAt"}) @PageableDefault(size = 50, sort = "title") Pageable pageable) {
        return PageView.of(programs.findAll(pageable), this::view);
    }

    @PostMapping("/programs")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    ResponseEntity<ProgramView> create(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ProgramRequest request) {
        return idempotency.createOnce(idempotencyKey, request, ProgramView.class, () -> {
            if (programs.findByTitle(request.title()).isPresent()) {
                throw Problems.of(HttpStatus.CONFLICT, "program-exists", request.title());
            }
            Program program = programs.saveAndFlush(new Program(request));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/programs")
                            .build(slug))
                    .body(view(program));
        });
    }

    @PutMapping("/programs/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    ProgramView change(@PathVariable UUID id, @Valid @RequestBody ProgramRequest request) {
        Program program = program(id);
        if (request.version() == null || request.version() != program.version()) {
            throw new ObjectOptimisticLockingFailureException(Program.class, id);
        }
        program.apply(request);
        return view(programs.saveAndFlush(program));
    }

    @PostMapping("/programs/{id}/cohorts")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Open a cohort of a program")
    @Transactional
    ResponseEntity<CohortView> openCohort(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody CohortRequest request) {
        return idempotency.createOnce(idempotencyKey, request, CohortView.class, () -> {
            program(id);
            if (cohorts.existsByProgramIdAndName(id, request.name())) {
                throw Problems.of(HttpStatus.CONFLICT, "cohort-exists", request.name());
            }
            Cohort cohort = cohorts.saveAndFlush(new Cohort(id, request));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/cohorts/{id}")
                            .build(slug, cohort.id()))
                    .body(cohort.view(0));
        });
    }

    @GetMapping("/cohorts/{id}")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "A cohort with its sessions and seats left")
    @Transactional(readOnly = true)
    CohortDetail cohort(@PathVariable UUID id) {
        Cohort cohort = cohorts.findById(id).orElseThrow(() -> notFound(id));
        return new CohortDetail(
                cohort.view(enrollments.seated(id)),
                program(cohort.programId()).title(),
                sessions.findByCohortIdOrderByStartsAt(id).stream()
                        .map(ProgramSession::view)
                        .toList());
    }

    @PostMapping("/cohorts/{id}/sessions")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Plan a session of a cohort, in a space of the lab or at a place outside")
    @Transactional
    ResponseEntity<SessionView> planSession(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SessionRequest request) {
        return idempotency.createOnce(idempotencyKey, request, SessionView.class, () -> {
            cohorts.findById(id).orElseThrow(() -> notFound(id));
            if (request.spaceId() != null
                    && !jdbc.queryForObject(
                            "SELECT EXISTS (SELECT 1 FROM space WHERE id = ?)", Boolean.class, request.spaceId())) {
                throw Problems.invalidField("spaceId", "not-a-space");
            }
            ProgramSession session = sessions.saveAndFlush(new ProgramSession(id, request));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/cohorts/{id}")
                            .build(slug, id))
                    .body(session.view());
        });
    }

    private Program program(UUID id) {
        return programs.findById(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "program-not-found", id));
    }

    static Problems.Problem notFound(UUID cohort) {
        return Problems.of(HttpStatus.NOT_FOUND, "cohort-not-found", cohort);
    }

    private ProgramView view(Program program) {
        return program.view(cohorts.findByProgramIdOrderByStartsOn(program.id()).stream()
                .map(c -> c.view(enrollments.seated(c.id())))
                .toList());
    }
}
