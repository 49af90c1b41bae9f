package org.creativelabs.core.funding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.funding.Applications.BudgetLine;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.tenancy.LabTimeZone;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.creativelabs.web.BodyLimit;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Applying for seed funding, and what staff decide: the applicant edits a draft (or an application sent back for more
 * information), attaches documents and submits; staff ask for information, rank applications by their reviews, decide
 * (an award paid in tranches), pay tranches and accept outcome reports. An applicant never sees scores or reviewers.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "funding")
class FundingApplicationController {

    static final int MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

    record ApplicationRequest(
            @Size(max = 4000) String businessIdea,
            @Size(max = 30) List<@Valid @NotNull BudgetLine> budgetLines,
            Long version) {}

    record InfoRequest(@NotBlank @Size(max = 2000) String question) {}

    record TrancheRequest(
            @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal amountKgs,

            @Size(min = 1, max = 300) String requirement) {}

    /**
     * {@code status}: AWARDED, AWARDED_WITH_CONDITIONS (the conditions in {@code note}) or DECLINED; an award's
     * {@code tranches} add up to {@code amountKgs} (default: one tranche of it all).
     */
    record Decision(
            @NotNull Applications.Status status,
            @Size(max = 2000) String note,

            @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal amountKgs,

            @Size(max = 6) List<@Valid @NotNull TrancheRequest> tranches) {}

    record ReportRequest(
            @NotNull Boolean businessStarted,
            @NotNull @Min(0) @Max(1000) Integer jobs,
            @Digits(integer = 10, fraction = 2) BigDecimal incomeChangeKgs,
            @Size(max = 2000) String note,
            @NotNull Long version) {}

    /** An application as its applicant sees it: never its reviewers or scores. */
    record ApplicantView(
            UUID id,
            UUID callId,
            String callTitle,
            Applications.Status status,
            String businessIdea,
            List<Applications.BudgetLine> budgetLines,
            BigDecimal requestedKgs,
            String infoRequest,
            String decisionNote,
            List<Applications.Attachment> attachments,
            Awards.Award award,
            Instant submittedAt,
            Instant decidedAt,
            long version) {}

    /** An application in staff's ranked list: its place by average score (unreviewed last). */
    record RankedView(
            int rank,
            UUID id,
            UUID applicantMembershipId,
            Applications.Status status,
            String businessIdea,
            List<Applications.BudgetLine> budgetLines,
            BigDecimal requestedKgs,
            BigDecimal averageScore,
            int reviews,
            int conflictsDeclared,
            List<Applications.Attachment> attachments,
            Instant submittedAt,
            long version) {}

    private final Applications applications;
    private final FundingCalls calls;
    private final Reviews reviews;
    private final Awards awards;
    private final LabTimeZone zone;
    private final IdempotencyKeys idempotency;

    FundingApplicationController(
            Applications applications,
            FundingCalls calls,
            Reviews reviews,
            Awards awards,
            LabTimeZone zone,
            IdempotencyKeys idempotency) {
        this.applications = applications;
        this.calls = calls;
        this.reviews = reviews;
        this.awards = awards;
        this.zone = zone;
        this.idempotency = idempotency;
    }

    @PostMapping("/funding-calls/{id}/applications")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Start an application to a call (a draft, yours to edit until you submit it)")
    @Transactional
    ResponseEntity<ApplicantView> start(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ApplicationRequest request) {
        return idempotency.createOnce(idempotencyKey, request, ApplicantView.class, () -> {
            Applications.Application draft =
                    applications.draft(id, LabAccess.subject(), request.businessIdea(), request.budgetLines());
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/funding-applications/mine")
                            .build(slug))
                    .body(applicantView(draft));
        });
    }

    @PutMapping("/funding-applications/{id}")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Edit your draft, or your application sent back for more information")
    @Transactional
    ApplicantView edit(@PathVariable UUID id, @Valid @RequestBody ApplicationRequest request) {
        if (request.version() == null) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException("funding_application", id);
        }
        return applicantView(applications.edit(
                id, LabAccess.subject(), request.businessIdea(), request.budgetLines(), request.version()));
    }

    @PostMapping("/funding-applications/{id}/attachments")
    @PreAuthorize("@labAccess.isMember()")
    @BodyLimit(bytes = MAX_ATTACHMENT_BYTES)
    @Operation(summary = "Attach a PDF, JPEG or PNG of at most 2 MB (raw body; file name in Content-Disposition)")
    @Transactional
    ApplicantView attach(
            @PathVariable UUID id,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestHeader(name = HttpHeaders.CONTENT_DISPOSITION, required = false) String disposition,
            @RequestBody byte[] content) {
        Applications.Application application = applications.own(id, LabAccess.subject());
        if (!application.status().editable()) {
            throw Problems.of(HttpStatus.CONFLICT, "application-not-editable", application.status());
        }
        if (applications.attachments(id).size() >= 5) {
            throw Problems.of(HttpStatus.CONFLICT, "too-many-attachments", 5);
        }
        String type = Attachments.verify(contentType, content);
        String filename = null;
        if (disposition != null) {
            try {
                filename = ContentDisposition.parse(disposition).getFilename();
            } catch (IllegalArgumentException e) {
                throw Problems.invalidField("Content-Disposition", "wrong-type");
            }
        }
        if (filename != null && (filename.isBlank() || filename.length() > 200)) {
            throw Problems.invalidField("Content-Disposition", "filename-length");
        }
        applications.attach(id, filename, type, content);
        return applicantView(applications.get(id));
    }

    @PostMapping("/funding-applications/{id}/submit")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Submit your application (within the call's deadline, within its budget ceiling, if eligible)")
    @Transactional
    ApplicantView submit(@PathVariable UUID id) {
        return applicantView(applications.submit(id, LabAccess.subject()));
    }

    @GetMapping("/funding-applications/mine")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Your applications: status, requests for information, decisions, awards and reports due")
    @Transactional(readOnly = true)
    List<ApplicantView> mine() {
        return applications.of(LabAccess.subject()).stream()
                .map(this::applicantView)
                .toList();
    }

    @GetMapping("/funding-calls/{id}/applications")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(
            summary = "A call's submitted applications, ranked by their reviews' average (conflicted reviews excluded)")
    @Transactional(readOnly = true)
    List<RankedView> ranked(@PathVariable UUID id) {
        calls.get(id);
        Map<UUID, Reviews.Average> averages = reviews.averages(id);
        Map<UUID, Integer> conflicts = reviews.conflicts(id);
        List<Applications.Application> all = new ArrayList<>(applications.ofCall(id));
        all.sort(Comparator.comparing(
                (Applications.Application a) ->
                        averages.containsKey(a.id()) ? averages.get(a.id()).score() : null,
                Comparator.nullsLast(Comparator.reverseOrder())));
        List<RankedView> ranked = new ArrayList<>();
        for (Applications.Application a : all) {
            Reviews.Average average = averages.get(a.id());
            ranked.add(new RankedView(
                    ranked.size() + 1,
                    a.id(),
                    applications.membershipOf(a.subject()),
                    a.status(),
                    a.businessIdea(),
                    a.budgetLines(),
                    a.requestedKgs(),
                    average == null ? null : average.score(),
                    average == null ? 0 : average.reviews(),
                    conflicts.getOrDefault(a.id(), 0),
                    applications.attachments(a.id()),
                    a.submittedAt(),
                    a.version()));
        }
        return ranked;
    }

    @PostMapping("/funding-applications/{id}/request-info")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Ask the applicant for more information: the application is theirs to edit again")
    @Transactional
    ApplicantView requestInfo(@PathVariable UUID id, @Valid @RequestBody InfoRequest request) {
        return applicantView(applications.requestInfo(id, request.question()));
    }

    @PostMapping("/funding-applications/{id}/decision")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Award (in tranches, with conditions or without) or decline a submitted application")
    @Transactional
    ApplicantView decide(@PathVariable UUID id, @Valid @RequestBody Decision decision) {
        Applications.Application application = applications.get(id);
        if (decision.status() != Applications.Status.DECLINED
                && !decision.status().awarded()) {
            throw Problems.invalidField("status", "a-decision");
        }
        if (!application.status().underConsideration()) {
            throw Problems.of(HttpStatus.CONFLICT, "application-not-under-consideration", application.status());
        }
        if (decision.status() == Applications.Status.AWARDED_WITH_CONDITIONS
                && (decision.note() == null || decision.note().isBlank())) {
            throw Problems.invalidField("note", "conditions-required");
        }
        if (decision.status().awarded()) {
            if (decision.amountKgs() == null) {
                throw Problems.invalidField("amountKgs", "required-to-award");
            }
            FundingCalls.Call call = calls.get(application.callId());
            if (decision.amountKgs().compareTo(call.budgetCeilingKgs()) > 0) {
                throw Problems.invalidField("amountKgs", "over-ceiling", call.budgetCeilingKgs());
            }
            List<TrancheRequest> tranches =
                    decision.tranches() == null || decision.tranches().isEmpty()
                            ? List.of(new TrancheRequest(decision.amountKgs(), null))
                            : decision.tranches();
            BigDecimal total =
                    tranches.stream().map(TrancheRequest::amountKgs).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(decision.amountKgs()) != 0) {
                throw Problems.invalidField("tranches", "tranches-add-up", decision.amountKgs());
            }
            applications.decide(id, decision.status(), decision.note());
            awards.award(id, decision.amountKgs(), tranches, LocalDate.now(zone.current()));
        } else {
            applications.decide(id, decision.status(), decision.note());
        }
        return applicantView(applications.get(id));
    }

    @PostMapping("/tranches/{id}/requirement-met")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Accept what a tranche waits on (a report or a milestone)")
    @Transactional
    Awards.Tranche requirementMet(@PathVariable UUID id) {
        return awards.requirementMet(id);
    }

    @PostMapping("/tranches/{id}/pay")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Pay a tranche: in order, once its requirement is accepted; paying again changes nothing")
    @Transactional
    Awards.Tranche pay(@PathVariable UUID id) {
        return awards.pay(id);
    }

    @PutMapping("/outcome-reports/{id}")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "File your outcome report: business started, jobs, income change")
    @Transactional
    Awards.Report report(@PathVariable UUID id, @Valid @RequestBody ReportRequest request) {
        applications.own(awards.applicationOfReport(id), LabAccess.subject());
        return awards.submit(id, request);
    }

    @PostMapping("/outcome-reports/{id}/accept")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    Awards.Report accept(@PathVariable UUID id) {
        return awards.accept(id);
    }

    @GetMapping("/outcome-reports/late")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(
            summary =
                    "Reports past their due date (with withinDays: also those due that soon), to remind their authors")
    @Transactional(readOnly = true)
    List<Awards.Due> late(@RequestParam(defaultValue = "0") @Min(0) @Max(90) int withinDays) {
        return awards.unsubmittedBy(LocalDate.now(zone.current()).plusDays(withinDays));
    }

    private ApplicantView applicantView(Applications.Application a) {
        return new ApplicantView(
                a.id(),
                a.callId(),
                calls.get(a.callId()).title(),
                a.status(),
                a.businessIdea(),
                a.budgetLines(),
                a.requestedKgs(),
                a.infoRequest(),
                a.decisionNote(),
                applications.attachments(a.id()),
                awards.of(a.id()).orElse(null),
                a.submittedAt(),
                a.decidedAt(),
                a.version());
    }
}
