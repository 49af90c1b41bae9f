package org.creativelabs.core.funding;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.creativelabs.core.members.privacy.MemberNames;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The portal's seed-funding pages: a member's open calls and her applications (draft, submit, answer a request for more
 * information, the decision; never scores or reviewers), a reviewer's board (only what blind review allows), and
 * staff's ranked applications with the request for information and the decision.
 */
@Controller
@RequestMapping("/api/labs/{slug}/portal")
class FundingPages {

    private final FundingCallController calls;
    private final FundingApplicationController applications;
    private final ReviewController reviews;
    private final Awards awards;
    private final MemberNames names;

    FundingPages(
            FundingCallController calls,
            FundingApplicationController applications,
            ReviewController reviews,
            Awards awards,
            MemberNames names) {
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
        this.names = names;
    }

    @GetMapping("/funding")
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    String mine(Model model) {
        Instant now = Instant.now();
        List<FundingApplicationController.ApplicantView> mine = applications.mine();
        Map<UUID, FundingCalls.Call> all =
                calls.list().stream().collect(Collectors.toMap(FundingCalls.Call::id, Function.identity()));
        model.addAttribute("applications", mine);
        model.addAttribute("calls", all);
        model.addAttribute(
                "openCalls",
                all.values().stream()
                        .filter(c -> c.open(now))
                        .filter(c -> mine.stream().noneMatch(a -> a.callId().equals(c.id())))
                        .toList());
        return "portal/funding";
    }

    @GetMapping("/reviews")
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    String reviewBoard(Model model) {
        model.addAttribute("reviews", reviews.mine());
        return "portal/reviews";
    }

    @GetMapping("/staff/funding")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional(readOnly = true)
    String ranked(Model model) {
        List<FundingCalls.Call> all =
                calls.list().stream().filter(c -> c.deadline() != null).toList();
        model.addAttribute("calls", all);
        Map<UUID, List<FundingApplicationController.RankedView>> ranked =
                all.stream().collect(Collectors.toMap(FundingCalls.Call::id, c -> applications.ranked(c.id())));
        model.addAttribute("ranked", ranked);
        // the awarded ones' tranches and reports, to mark a requirement met and pay
        Map<UUID, Awards.Award> awarded = new java.util.HashMap<>();
        ranked.values().stream()
                .flatMap(List::stream)
                .forEach(a -> awards.of(a.id()).ifPresent(award -> awarded.put(a.id(), award)));
        model.addAttribute("awards", awarded);
        // who may review: mentors, staff and lab admins, by name
        model.addAttribute("reviewers", names.withAnyRole("mentor", "staff", "lab-admin"));
        return "portal/staff-funding";
    }
}
