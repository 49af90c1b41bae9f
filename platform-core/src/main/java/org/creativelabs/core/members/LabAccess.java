package org.creativelabs.core.members;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.creativelabs.core.tenancy.LabDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who may do what in the current lab, for {@code @PreAuthorize("@labAccess…")}: the caller's active membership in
 * the lab's own schema, read once per request (so a deactivated membership stops working on the next request, even
 * with a token that is still valid).
 */
@Component("labAccess")
public class LabAccess {

    private static final String CACHE = LabAccess.class.getName() + ".roles";

    private final MembershipRepository memberships;
    private final LabDirectory labs;
    private final TransactionTemplate readOnly;

    LabAccess(MembershipRepository memberships, LabDirectory labs, PlatformTransactionManager transactions) {
        this.memberships = memberships;
        this.labs = labs;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * An active member of this lab. An applicant is not yet one: until staff approve, they see only their own
     * application ({@link #hasOwnRecord()}) and the lab's public pages.
     */
    public boolean isMember() {
        return roles().stream().anyMatch(role -> role != LabRole.APPLICANT);
    }

    /** A member or an applicant: someone with their own active record here, for the calls about themself. */
    public boolean hasOwnRecord() {
        return !roles().isEmpty();
    }

    /** One of these roles (e.g. {@code "lab-admin", "staff"}) in this lab. */
    public boolean hasAnyRole(String... roles) {
        Set<LabRole> mine = roles();
        return Arrays.stream(roles).map(LabRole::of).anyMatch(mine::contains);
    }

    /**
     * The subject of an active member of this lab who has the role (e.g. a mentor to assign), read in the caller's
     * transaction; empty for anyone else.
     */
    public java.util.Optional<String> memberWithRole(java.util.UUID membershipId, String role) {
        LabRole wanted = LabRole.of(role);
        return memberships
                .findById(membershipId)
                .filter(m -> m.active() && !m.erased() && m.roles().contains(wanted))
                .map(Membership::subject);
    }

    /** The subject of an active, approved member of this lab (any role but applicant); empty for anyone else. */
    public java.util.Optional<String> member(java.util.UUID membershipId) {
        return memberships
                .findById(membershipId)
                .filter(Membership::approvedMember)
                .filter(m -> !m.erased())
                .map(Membership::subject);
    }

    /** The caller's Keycloak subject, or null without a token. */
    public static String subject() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getSubject()
                : null;
    }

    @SuppressWarnings("unchecked")
    private Set<LabRole> roles() {
        String subject = subject();
        if (subject == null || labs.current().isEmpty()) {
            return Set.of();
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST) instanceof Set<?> cached) {
            return (Set<LabRole>) cached;
        }
        Set<LabRole> roles = readOnly.execute(status -> memberships
                .findBySubject(subject)
                .filter(Membership::active)
                .map(Membership::roles)
                .orElse(EnumSet.noneOf(LabRole.class)));
        if (request != null) {
            request.setAttribute(CACHE, roles, RequestAttributes.SCOPE_REQUEST);
        }
        return roles;
    }
}
