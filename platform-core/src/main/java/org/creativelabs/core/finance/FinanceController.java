package org.creativelabs.core.finance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.tenancy.LabTimeZone;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Self-financing: staff charge residents (plan fees and space use by month, or one-off), record payments (with a
 * receipt number, each once), subsidies and the lab's costs; residents see their own balance; staff see everyone's
 * and the lab's self-financing ratio (residents' payments over costs) for a period.
 */
@RestController
@RequestMapping("/api/labs/{slug}/finance")
@Tag(name = "finance", description = "Charges, payments, subsidies, costs and the self-financing ratio")
class FinanceController {

    /** An amount in som: positive, at most 12 digits with 2 after the point. */
    private static final String KGS_MIN = "0.01";

    record Run(@NotNull YearMonth month) {}

    record RunResult(YearMonth month, int planFees, int spaceUse) {}

    record ChargeRequest(
            @NotNull UUID membershipId,
            @NotNull YearMonth month,

            @NotNull @DecimalMin(KGS_MIN) @Digits(integer = 10, fraction = 2) BigDecimal amountKgs,

            @NotBlank @Size(max = 300) String description) {}

    record PaymentRequest(
            @NotNull UUID membershipId,

            @NotNull @DecimalMin(KGS_MIN) @Digits(integer = 10, fraction = 2) BigDecimal amountKgs,

            @NotNull @Pattern(regexp = "CASH|TRANSFER") String method,
            @NotBlank @Size(max = 40) String receiptNo,
            // today or earlier on the lab's calendar (checked in pay(): a validator's clock is the server's, in UTC)
            @NotNull LocalDate paidOn) {}

    record SubsidyRequest(
            @NotNull UUID membershipId,

            @NotNull @DecimalMin(KGS_MIN) @Digits(integer = 10, fraction = 2) BigDecimal amountKgs,

            @Size(max = 300) String reason,
            @NotNull LocalDate grantedOn) {}

    record CostRequest(
            @NotNull YearMonth month,

            @NotNull @Pattern(regexp = "RENT|UTILITIES|STAFF|MATERIALS|OTHER") String category,

            @NotNull @DecimalMin(KGS_MIN) @Digits(integer = 10, fraction = 2) BigDecimal amountKgs,

            @Size(max = 300) String note) {}

    record Recorded(UUID id, UUID membershipId, BigDecimal amountKgs, Ledger.Balance balance) {}

    record Mine(Ledger.Balance balance, List<Ledger.Entry> entries) {}

    record SelfFinancing(
            YearMonth from,
            YearMonth to,
            BigDecimal incomeKgs,
            BigDecimal costsKgs,
            BigDecimal ratio,
            List<Ledger.Month> months) {}

    private final Ledger ledger;
    private final LabAccess access;
    private final LabTimeZone zone;
    private final IdempotencyKeys idempotency;

    FinanceController(Ledger ledger, LabAccess access, LabTimeZone zone, IdempotencyKeys idempotency) {
        this.ledger = ledger;
        this.access = access;
        this.zone = zone;
        this.idempotency = idempotency;
    }

    @PostMapping("/charges/run")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(
            summary = "Charge a month's plan fees and the use of priced spaces; running it again charges nothing twice")
    @Transactional
    RunResult run(@Valid @RequestBody Run request) {
        int[] charged = ledger.chargeMonth(request.month(), zone.current());
        return new RunResult(request.month(), charged[0], charged[1]);
    }

    @PostMapping("/charges")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "A one-off charge to a member")
    @Transactional
    ResponseEntity<Recorded> charge(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ChargeRequest request) {
        return idempotency.createOnce(idempotencyKey, request, Recorded.class, () -> {
            String subject = member(request.membershipId());
            UUID id = ledger.charge(subject, request.month(), request.amountKgs(), request.description());
            return created(
                    slug,
                    new Recorded(
                            id, request.membershipId(), request.amountKgs(), balance(request.membershipId(), subject)));
        });
    }

    @PostMapping("/payments")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Record a payment (cash or transfer) with its receipt number; a receipt is recorded once")
    @Transactional
    ResponseEntity<Recorded> pay(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody PaymentRequest request) {
        if (request.paidOn().isAfter(LocalDate.now(zone.current()))) {
            throw Problems.invalidField("paidOn", "not-in-the-future");
        }
        return idempotency.createOnce(idempotencyKey, request, Recorded.class, () -> {
            String subject = member(request.membershipId());
            UUID id = UUID.randomUUID();
            if (!ledger.pay(
                    id,
                    subject,
                    request.amountKgs(),
                    request.method(),
                    request.receiptNo(),
                    request.paidOn(),
                    LabAccess.subject())) {
                throw Problems.of(HttpStatus.CONFLICT, "receipt-recorded", request.receiptNo());
            }
            return created(
                    slug,
                    new Recorded(
                            id, request.membershipId(), request.amountKgs(), balance(request.membershipId(), subject)));
        });
    }

    @PostMapping("/subsidies")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Record a subsidy to a member")
    @Transactional
    ResponseEntity<Recorded> subsidise(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SubsidyRequest request) {
        return idempotency.createOnce(idempotencyKey, request, Recorded.class, () -> {
            String subject = member(request.membershipId());
            UUID id = ledger.subsidise(
                    subject, request.amountKgs(), request.reason(), request.grantedOn(), LabAccess.subject());
            return created(
                    slug,
                    new Recorded(
                            id, request.membershipId(), request.amountKgs(), balance(request.membershipId(), subject)));
        });
    }

    @PostMapping("/costs")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Record a cost of the lab for a month")
    @Transactional
    ResponseEntity<Recorded> cost(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody CostRequest request) {
        return idempotency.createOnce(idempotencyKey, request, Recorded.class, () -> {
            UUID id = ledger.cost(
                    request.month(), request.category(), request.amountKgs(), request.note(), LabAccess.subject());
            return created(slug, new Recorded(id, null, request.amountKgs(), null));
        });
    }

    @GetMapping("/balances")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Every member's balance (paid and subsidised less charged), most owed first")
    @Transactional(readOnly = true)
    List<Ledger.Balance> balances() {
        return ledger.balances();
    }

    @GetMapping("/mine")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Your charges, payments, subsidies and balance")
    @Transactional(readOnly = true)
    Mine mine() {
        String subject = LabAccess.subject();
        return new Mine(ledger.balance(null, subject), ledger.entries(subject));
    }

    @GetMapping("/self-financing")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Residents' payments over the lab's costs for months [from, to] (default: this year to date)")
    @Transactional(readOnly = true)
    SelfFinancing selfFinancing(
            @RequestParam(required = false) YearMonth from, @RequestParam(required = false) YearMonth to) {
        YearMonth last = to == null ? YearMonth.now(zone.current()) : to;
        YearMonth first = from == null ? YearMonth.of(last.getYear(), 1) : from;
        if (first.isAfter(last) || first.plusYears(5).isBefore(last)) {
            throw Problems.invalidField("from", "period-of-months");
        }
        List<Ledger.Month> months = ledger.months(first, last);
        BigDecimal income = months.stream().map(Ledger.Month::incomeKgs).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal costs = months.stream().map(Ledger.Month::costsKgs).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new SelfFinancing(first, last, income, costs, Ledger.ratio(income, costs), months);
    }

    private String member(UUID membershipId) {
        return access.member(membershipId).orElseThrow(() -> Problems.invalidField("membershipId", "not-a-member"));
    }

    private Ledger.Balance balance(UUID membershipId, String subject) {
        return ledger.balance(membershipId, subject);
    }

    private static ResponseEntity<Recorded> created(String slug, Recorded recorded) {
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/finance/balances")
                        .build(slug))
                .body(recorded);
    }
}
