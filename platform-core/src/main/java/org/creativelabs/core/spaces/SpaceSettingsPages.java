package org.creativelabs.core.spaces;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Staff's page of the lab's spaces: each with its opening hours and price, changed in place; a new one added. */
@Controller
@RequestMapping("/api/labs/{slug}/portal/staff")
class SpaceSettingsPages {

    private final SpaceController spaces;

    SpaceSettingsPages(SpaceController spaces) {
        this.spaces = spaces;
    }

    @GetMapping("/spaces")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    String spaces(Model model) {
        model.addAttribute(
                "spaces",
                spaces.list(null, PageRequest.of(0, 100, Sort.by("name"))).items());
        model.addAttribute("kinds", SpaceKind.values());
        return "portal/staff-spaces";
    }
}
