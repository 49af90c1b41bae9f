package org.creativelabs.core.portal;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The lab's home page (what it offers, its contacts, where to go next) and its colours as a style sheet. */
@Controller
@RequestMapping("/api/labs/{slug}")
class PortalHome {

    private final LabLook looks;

    PortalHome(LabLook looks) {
        this.looks = looks;
    }

    @GetMapping({"", "/"})
    String home() {
        return "portal/home";
    }

    /** The lab's colours; its link carries the branding's version, so a change shows at once and the rest is cached. */
    @GetMapping(value = "/portal/theme.css", produces = "text/css")
    @Transactional(readOnly = true)
    ResponseEntity<String> theme() {
        LabLook.Look look = looks.current();
        String css = ":root{--primary:" + colour(look.primaryColor(), "#6b2c91") + ";--accent:"
                + colour(look.accentColor(), "#f2b705") + "}";
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic())
                .body(css);
    }

    /** Only a hex colour reaches the style sheet. */
    private static String colour(String value, String otherwise) {
        return value != null && value.matches("#[0-9a-fA-F]{6}") ? value : otherwise;
    }
}
