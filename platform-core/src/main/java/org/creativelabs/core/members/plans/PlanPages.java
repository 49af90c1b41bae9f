package org.creativelabs.core.members.plans;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Staff's page of membership plans: monthly hours and fee, changed in place; a new plan added. */
@Controller
@RequestMapping("/api/labs/{slug}/portal/staff")
class PlanPages {

    private final PlanController plans;

    PlanPages(PlanController plans) {
        this.plans = plans;
    }

    @GetMapping("/plans")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    String plans(Model model) {
        model.addAttribute(
                "plans",
                plans.list(
                                true,
                                org.springframework.data.domain.PageRequest.of(
                                        0, 100, org.springframework.data.domain.Sort.by("name")))
                        .items());
        return "portal/staff-plans";
    }
}
