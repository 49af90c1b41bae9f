package org.creativelabs.core.indicators;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Staff's page of the lab's own indicators this year, small counts suppressed as on UNDP's dashboards. */
@Controller
@RequestMapping("/api/labs/{slug}/portal/staff")
class IndicatorPages {

    private final IndicatorController indicators;

    IndicatorPages(IndicatorController indicators) {
        this.indicators = indicators;
    }

    @GetMapping("/indicators")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    String indicators(Model model) {
        model.addAttribute("report", indicators.indicators(null));
        return "portal/staff-indicators";
    }
}
