package org.creativelabs.core.funding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
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

/** Seed-funding calls: staff open them with a rubric; members read them and apply. */
@RestController
@RequestMapping("/api/labs/{slug}/funding-calls")
@Tag(name = "funding", description = "Seed-funding calls, applications, review, awards and outcome reports")
class FundingCallController {

    record CriterionRequest(
            @NotBlank @Size(max = 120) String name,
            @NotNull @Min(1) @Max(100) Integer weight) {}

    /**
     * A call: {@code eligibleProgramId} (when given) admits only people who completed that program; review is blind
     * unless {@code blindReview} is false; {@code reviewRounds} defaults to 1.
     */
    record CallRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @Size(max = 4000) String criteria,

            @NotNull @DecimalMin("1") @Digits(integer = 10, fraction = 2) BigDecimal budgetCeilingKgs,

            @NotNull @Future Instant deadline,
            UUID eligibleProgramId,
            Boolean blindReview,
            @Min(1) @Max(3) Integer reviewRounds,
            @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull CriterionRequest> rubric,
            Long version) {

        boolean blindReviewOrDefault() {
            return blindReview == null || blindReview;
        }

        int reviewRoundsOrDefault() {
            return reviewRounds == null ? 1 : reviewRounds;
        }
    }

    private final FundingCalls calls;
    private final LabAccess access;
    private final IdempotencyKeys idempotency;

    FundingCallController(FundingCalls calls, LabAccess access, IdempotencyKeys idempotency) {
        this.calls = calls;
        this.access = access;
        this.idempotency = idempotency;
    }

    @GetMapping
    @PreAuthorize("@labAccess.isMember()")
    @Operation(
            summary = "The lab's funding calls with their rubrics, latest deadline first (staff also see outlines"
                    + " without a deadline)")
    @Transactional(readOnly = true)
    List<FundingCalls.Call> list() {
        boolean staff = access.hasAnyRole("lab-admin", "staff");
        return calls.all().stream().filter(c -> staff || c.deadline() != null).toList();
    }

    @PutMapping("/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Change a call, or open an outline by giving it a deadline; the rubric is fixed once scored")
    @Transactional
    FundingCalls.Call change(@PathVariable UUID id, @Valid @RequestBody CallRequest request) {
        return calls.change(id, request);
    }

    @PostMapping
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Open a funding call with its rubric")
    @Transactional
    ResponseEntity<FundingCalls.Call> open(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody CallRequest request) {
        return idempotency.createOnce(idempotencyKey, request, FundingCalls.Call.class, () -> {
            FundingCalls.Call call = calls.create(request);
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/funding-calls")
                            .build(slug))
                    .body(call);
        });
    }
}
