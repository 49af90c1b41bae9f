package org.creativelabs.core.members.privacy;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The portal's "my data" page: everything the lab holds about the person, as a file, and erasing it, with a warning. */
@Controller
@RequestMapping("/api/labs/{slug}/portal")
class PrivacyPages {

    @GetMapping("/my-data")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    String myData() {
        return "portal/my-data";
    }
}
