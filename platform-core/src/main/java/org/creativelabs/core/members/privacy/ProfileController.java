package org.creativelabs.core.members.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.members.Membership;
import org.creativelabs.core.members.MembershipRepository;
import org.creativelabs.core.members.MembershipView;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * A member's profile and their control over their data. Profiles are private by default; a member may show theirs to
 * the lab's other members (without contacts). Staff reads are audited; sensitive fields are never shown per person
 * to anyone but the member.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "profiles", description = "Member profiles, consent, export and erasure")
class ProfileController {

    private final MembershipRepository memberships;
    private final ProfileRepository profiles;
    private final MemberPrivacy privacy;
    private final IdempotencyKeys idempotency;

    ProfileController(
            MembershipRepository memberships,
            ProfileRepository profiles,
            MemberPrivacy privacy,
            IdempotencyKeys idempotency) {
        this.memberships = memberships;
        this.profiles = profiles;
        this.privacy = privacy;
        this.idempotency = idempotency;
    }

    @GetMapping("/profiles/me")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Transactional(readOnly = true)
    ProfileView myProfile() {
        Membership me = me();
        return profiles.findById(me.id())
                .map(MemberProfile::view)
                .orElseThrow(() ->
                        Problems.withMessage(HttpStatus.NOT_FOUND, "profile-not-found", "profile-not-found.mine"));
    }

    @PutMapping("/profiles/me")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Create or change your profile (private unless visibility is MEMBERS)")
    @Transactional
    ProfileView changeMyProfile(@Valid @RequestBody ProfileRequest request) {
        Membership me = me();
        var existing = profiles.findById(me.id());
        if (existing.isPresent()
                && (request.version() == null
                        || request.version() != existing.get().version())) {
            throw new ObjectOptimisticLockingFailureException(MemberProfile.class, me.id());
        }
        MemberProfile profile = existing.orElseGet(() -> new MemberProfile(me.id()));
        profile.change(request);
        return profiles.saveAndFlush(profile).view();
    }

    @GetMapping("/profiles")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Profiles their owners show to the lab's members (no contacts)")
    @Transactional(readOnly = true)
    PageView<DirectoryEntry> directory(
            @SortableBy("displayName") @PageableDefault(size = 50, sort = "displayName") Pageable pageable) {
        return PageView.of(profiles.findShownToMembers(pageable), MemberProfile::directoryEntry);
    }

    @GetMapping("/memberships/{id}/profile")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "A member's profile for staff, without sensitive fields; every read is audited")
    @Transactional
    ProfileView profileForStaff(@PathVariable UUID id) {
        return privacy.readAsStaff(id, LabAccess.subject());
    }

    @GetMapping("/profiles/me/sensitive")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Your sensitive fields and the consents behind them")
    @Transactional(readOnly = true)
    SensitiveDataView mySensitiveData() {
        return privacy.sensitiveData(me());
    }

    @PostMapping("/profiles/me/consents")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Consent to keep some sensitive fields, with their values")
    @Transactional
    ResponseEntity<ConsentView> consent(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ConsentRequest request) {
        return idempotency.createOnce(idempotencyKey, request, ConsentView.class, () -> {
            ConsentView consent = privacy.giveConsent(me(), request);
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/profiles/me/consents/{id}")
                            .build(slug, consent.id()))
                    .body(consent);
        });
    }

    @PostMapping("/profiles/me/consents/{id}/withdraw")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Withdraw a consent: the sensitive fields it covered are removed")
    @Transactional
    ConsentView withdraw(@PathVariable UUID id) {
        return privacy.withdrawConsent(me(), id);
    }

    @GetMapping("/memberships/me/export")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Everything this lab holds about you, as one JSON document")
    @Transactional
    ResponseEntity<Map<String, Object>> export(@PathVariable String slug) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("my-data-" + slug + ".json")
                                .build()
                                .toString())
                .body(privacy.export(me()));
    }

    @PostMapping("/memberships/me/erasure")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Operation(summary = "Erase your personal data from this lab (anonymous aggregates are kept); cannot be undone")
    @Transactional
    MembershipView eraseMe() {
        return privacy.erase(me(), LabAccess.subject());
    }

    @PostMapping("/memberships/{id}/erasure")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Operation(summary = "Erase a member's personal data on their request (e.g. made in person); cannot be undone")
    @Transactional
    MembershipView erase(@PathVariable UUID id) {
        Membership member = memberships
                .findById(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "membership-not-found", id));
        return privacy.erase(member, LabAccess.subject());
    }

    private Membership me() {
        return memberships.findBySubject(LabAccess.subject()).orElseThrow();
    }
}
