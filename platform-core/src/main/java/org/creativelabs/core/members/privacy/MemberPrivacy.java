package org.creativelabs.core.members.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.members.Membership;
import org.creativelabs.core.members.MembershipReports;
import org.creativelabs.core.members.MembershipRepository;
import org.creativelabs.core.members.MembershipView;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's control over their data: sensitive fields under consent, export of everything the lab holds about them,
 * and erasure. Staff reads of a profile are audited. Each method runs in the caller's transaction, so a change and
 * its audit entry commit together or not at all.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class MemberPrivacy {

    private final MembershipRepository memberships;
    private final ProfileRepository profiles;
    private final ConsentRepository consents;
    private final SensitiveAttributes sensitive;
    private final PersonalDataAudit audit;
    private final IdempotencyKeys idempotency;
    private final List<PersonalData> features;
    private final MembershipReports reports;

    MemberPrivacy(
            MembershipRepository memberships,
            ProfileRepository profiles,
            ConsentRepository consents,
            SensitiveAttributes sensitive,
            PersonalDataAudit audit,
            IdempotencyKeys idempotency,
            List<PersonalData> features,
            MembershipReports reports) {
        this.memberships = memberships;
        this.profiles = profiles;
        this.consents = consents;
        this.sensitive = sensitive;
        this.audit = audit;
        this.idempotency = idempotency;
        this.features = features;
        this.reports = reports;
    }

    /** A staff member reads someone's profile: shown without sensitive fields, and recorded. */
    ProfileView readAsStaff(UUID membershipId, String reader) {
        MemberProfile profile = profiles.findById(membershipId).orElseThrow(() -> noProfile(membershipId));
        audit.record(membershipId, reader, PersonalDataAudit.Action.PROFILE_READ);
        return profile.view();
    }

    SensitiveDataView sensitiveData(Membership member) {
        return new SensitiveDataView(
                sensitive.of(member.id()),
                consents.findByMembershipIdOrderByGivenAt(member.id()).stream()
                        .map(Consent::view)
                        .toList());
    }

    /**
     * Records the consent and keeps its values. Fields it covers move from any earlier consent to this one; an
     * earlier consent left covering nothing is withdrawn.
     */
    ConsentView giveConsent(Membership member, ConsentRequest request) {
        Consent consent = consents.saveAndFlush(new Consent(member.id(), request.fields()));
        sensitive.keep(member.id(), consent, request.values());
        audit.record(member.id(), member.subject(), PersonalDataAudit.Action.CONSENT_GIVEN);
        for (UUID superseded : sensitive.consentsCoveringNothing(member.id())) {
            if (!superseded.equals(consent.id())) {
                consents.findById(superseded).ifPresent(Consent::withdraw);
            }
        }
        return consent.view();
    }

    /** Withdrawing a consent removes the sensitive values it covered, in the same transaction. */
    ConsentView withdrawConsent(Membership member, UUID consentId) {
        Consent consent = consents.findById(consentId)
                .filter(c -> c.membershipId().equals(member.id()))
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "consent-not-found", consentId));
        if (consent.active()) {
            consent.withdraw();
            sensitive.removeCoveredBy(consentId);
            audit.record(member.id(), member.subject(), PersonalDataAudit.Action.CONSENT_WITHDRAWN);
        }
        return consents.saveAndFlush(consent).view();
    }

    /** Everything this lab holds about the member, in one document; the export itself is recorded. */
    Map<String, Object> export(Membership member) {
        audit.record(member.id(), member.subject(), PersonalDataAudit.Action.EXPORTED);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("membership", member.view());
        export.put(
                "profile",
                profiles.findById(member.id()).map(MemberProfile::view).orElse(null));
        export.put("sensitive", sensitiveData(member));
        export.put("accessLog", audit.about(member.id()));
        for (PersonalData feature : features) {
            export.put(feature.section(), feature.export(member.subject()));
        }
        return export;
    }

    /**
     * Removes the member's personal data from every table of the lab: profile, sensitive values, free text they wrote,
     * stored responses, and their name wherever it appears (as a pseudonym instead). What is left (roles, dates,
     * booked hours, consent and audit history) identifies no one and keeps the lab's aggregates true.
     */
    MembershipView erase(Membership member, String actor) {
        if (member.erased()) {
            return member.view();
        }
        String subject = member.subject();
        String pseudonym = member.pseudonym();
        for (PersonalData feature : features) {
            feature.erase(subject, pseudonym);
        }
        sensitive.removeAll(member.id());
        profiles.findById(member.id()).ifPresent(profiles::delete);
        consents.findByMembershipIdOrderByGivenAt(member.id()).forEach(Consent::withdraw);
        idempotency.forget(subject, member.id().toString());
        audit.pseudonymise(subject, pseudonym);
        audit.record(member.id(), subject.equals(actor) ? pseudonym : actor, PersonalDataAudit.Action.ERASED);
        member.erase();
        reports.changed();
        return memberships.saveAndFlush(member).view();
    }

    private static RuntimeException noProfile(UUID membershipId) {
        return Problems.of(HttpStatus.NOT_FOUND, "profile-not-found", membershipId);
    }
}
