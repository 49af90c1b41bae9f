package org.creativelabs.core.branding;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** The lab admin's page of the lab's look: name, colours, language, clock, contacts and logo. */
@Controller
@RequestMapping("/api/labs/{slug}/portal/staff")
class BrandingPages {

    private final BrandingController branding;

    BrandingPages(BrandingController branding) {
        this.branding = branding;
    }

    @GetMapping("/branding")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    String branding(@PathVariable String slug, Model model) {
        model.addAttribute("branding", branding.get(slug));
        return "portal/staff-branding";
    }
}
