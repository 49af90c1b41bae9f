package org.creativelabs.core.funding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * Review of seed-funding applications. Staff assign reviewers (members of the lab; never the applicant). A reviewer sees
 * an application only after declaring they have no conflict of interest; a declared conflict excludes them (and their
 * score); under blind review they never see who applied.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "funding")
class ReviewController {

    record ReviewerRequest(
            @NotNull UUID reviewerMembershipId,
            @Min(1) @Max(3) Integer round) {}

    record ConflictDeclaration(
            @NotNull Boolean conflict, @Size(max = 500) String note) {}

    record ScoreRequest(
            @NotNull UUID criterionId,
            @NotNull @Min(0) @Max(10) Integer score) {}

    record Scores(
            @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull ScoreRequest> scores,
            @Size(max = 2000) String comment) {}

    record Assigned(UUID id, UUID applicationId, int round) {}

    /** What a reviewer sees of an application: nothing before declaring, nothing when conflicted, no name when blind. */
    record Reviewed(
            UUID id,
            String businessIdea,
            List<Applications.BudgetLine> budgetLines,
            BigDecimal requestedKgs,
            List<Applications.Attachment> attachments,
            UUID applicantMembershipId) {}

    record ReviewView(
            UUID id,
            int round,
            UUID callId,
            String callTitle,
            boolean blindReview,
            Boolean conflict,
            Reviewed application,
            List<FundingCalls.Criterion> rubric,
            Map<UUID, Integer> myScores,
            String comment) {}

    private final Reviews reviews;
    private final Applications applications;
    private final FundingCalls calls;
    private final LabAccess access;
    private final IdempotencyKeys idempotency;

    ReviewController(
            Reviews reviews,
            Applications applications,
            FundingCalls calls,
            LabAccess access,
            IdempotencyKeys idempotency) {
        this.reviews = reviews;
        this.applications = applications;
        this.calls = calls;
        this.access = access;
        this.idempotency = idempotency;
    }

    @PostMapping("/funding-applications/{id}/reviewers")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Assign a reviewer (a member of the lab, never the applicant) for a review round")
    @Transactional
    ResponseEntity<Assigned> assign(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ReviewerRequest request) {
        return idempotency.createOnce(idempotencyKey, request, Assigned.class, () -> {
            Applications.Application application = applications.get(id);
            String reviewer = access.member(request.reviewerMembershipId())
                    .orElseThrow(() -> Problems.invalidField("reviewerMembershipId", "not-a-member"));
            if (reviewer.equals(application.subject())) {
                throw Problems.invalidField("reviewerMembershipId", "own-application");
            }
            int round = request.round() == null ? 1 : request.round();
            if (round > calls.get(application.callId()).reviewRounds()) {
                throw Problems.invalidField(
                        "round",
                        "beyond-rounds",
                        calls.get(application.callId()).reviewRounds());
            }
            if (!application.status().underConsideration()) {
                throw Problems.of(HttpStatus.CONFLICT, "application-not-under-consideration", application.status());
            }
            UUID assignment = reviews.assign(id, reviewer, round);
            applications.inReview(id);
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/reviews/mine")
                            .build(slug))
                    .body(new Assigned(assignment, id, round));
        });
    }

    @GetMapping("/reviews/mine")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Your reviews: each application once you declared no conflict (without the name when blind)")
    @Transactional(readOnly = true)
    List<ReviewView> mine() {
        return reviews.of(LabAccess.subject()).stream().map(this::view).toList();
    }

    @PostMapping("/reviews/{id}/conflict")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Declare whether you have a conflict of interest (before you see or score the application)")
    @Transactional
    ReviewView declare(@PathVariable UUID id, @Valid @RequestBody ConflictDeclaration declaration) {
        Reviews.Assignment assignment = reviews.own(id, LabAccess.subject());
        reviews.declare(assignment, declaration.conflict(), declaration.note());
        return view(reviews.own(id, LabAccess.subject()));
    }

    @PutMapping("/reviews/{id}/scores")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Score every criterion of the call's rubric (0-10); scoring again replaces it")
    @Transactional
    ReviewView score(@PathVariable UUID id, @Valid @RequestBody Scores request) {
        Reviews.Assignment assignment = reviews.own(id, LabAccess.subject());
        if (assignment.conflict() == null) {
            throw Problems.of(HttpStatus.CONFLICT, "declare-conflict-first");
        }
        if (assignment.conflict()) {
            throw Problems.of(HttpStatus.CONFLICT, "review-conflicted");
        }
        Applications.Application application = applications.get(assignment.applicationId());
        if (application.status() != Applications.Status.IN_REVIEW) {
            throw Problems.of(HttpStatus.CONFLICT, "application-not-in-review", application.status());
        }
        Set<UUID> rubric = new HashSet<>();
        calls.get(application.callId()).rubric().forEach(c -> rubric.add(c.id()));
        Set<UUID> scored = new HashSet<>();
        request.scores().forEach(s -> scored.add(s.criterionId()));
        if (!scored.equals(rubric) || scored.size() != request.scores().size()) {
            throw Problems.invalidField("scores", "every-criterion-once");
        }
        reviews.score(
                assignment,
                request.scores().stream()
                        .map(s -> new Reviews.Score(s.criterionId(), s.score()))
                        .toList(),
                request.comment());
        return view(reviews.own(id, LabAccess.subject()));
    }

    private ReviewView view(Reviews.Assignment assignment) {
        Applications.Application application = applications.get(assignment.applicationId());
        FundingCalls.Call call = calls.get(application.callId());
        Reviewed shown = Boolean.FALSE.equals(assignment.conflict())
                ? new Reviewed(
                        application.id(),
                        application.businessIdea(),
                        application.budgetLines(),
                        application.requestedKgs(),
                        applications.attachments(application.id()),
                        call.blindReview() ? null : applications.membershipOf(application.subject()))
                : null;
        return new ReviewView(
                assignment.id(),
                assignment.round(),
                call.id(),
                call.title(),
                call.blindReview(),
                assignment.conflict(),
                shown,
                call.rubric(),
                reviews.scoresOf(assignment.id()),
                assignment.comment());
    }
}
