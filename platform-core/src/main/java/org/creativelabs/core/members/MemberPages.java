package org.creativelabs.core.members;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The portal's membership pages: how to join (and where one's application stands), and staff's applicants to decide. */
@Controller
@RequestMapping("/api/labs/{slug}/portal")
class MemberPages {

    private final MembershipController memberships;
    private final LabAccess access;
    private final org.creativelabs.core.members.privacy.MemberNames names;

    MemberPages(
            MembershipController memberships,
            LabAccess access,
            org.creativelabs.core.members.privacy.MemberNames names) {
        this.memberships = memberships;
        this.access = access;
        this.names = names;
    }

    @GetMapping("/join")
    @Transactional(readOnly = true)
    String join(Model model) {
        model.addAttribute("me", access.hasOwnRecord() ? memberships.me() : null);
        return "portal/join";
    }

    @GetMapping("/staff/members")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional(readOnly = true)
    String applicants(Model model) {
        java.util.List<MembershipView> applicants = memberships
                .list(LabRole.APPLICANT, true, PageRequest.of(0, 100, Sort.by("createdAt")))
                .items();
        model.addAttribute("applicants", applicants);
        model.addAttribute(
                "names",
                names.ofSubjects(
                        applicants.stream().map(MembershipView::subject).toList()));
        return "portal/staff-members";
    }
}
