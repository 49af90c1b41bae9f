package org.creativelabs.core.events;

import io.nayuki.qrcodegen.QrCode;
import jakarta.validation.Valid;
import java.util.UUID;
import org.creativelabs.core.web.Problems;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The portal's pages of events: upcoming events and registering for one (no account needed; joining the network asked
 * in plain words), the code to show at the door as a QR code, and for staff the events with their check-in screen.
 */
@Controller
@RequestMapping("/api/labs/{slug}")
class EventPages {

    /** The version of the network consent's words shown on the page (messages {@code event.consent}). */
    static final String CONSENT_WORDING = "network-2026";

    private final EventController events;
    private final CheckInCodes codes;

    EventPages(EventController events, CheckInCodes codes) {
        this.events = events;
        this.codes = codes;
    }

    @GetMapping("/portal/events")
    String upcoming(Model model) {
        model.addAttribute(
                "events",
                events.upcoming(PageRequest.of(0, 50, Sort.by("startsAt"))).items());
        return "portal/events";
    }

    @GetMapping("/portal/events/{id}")
    String event(@PathVariable UUID id, Model model) {
        model.addAttribute("event", events.publicEvent(id));
        model.addAttribute("consentWording", CONSENT_WORDING);
        return "portal/event";
    }

    @GetMapping("/portal/staff/events")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    String staffEvents(Model model) {
        model.addAttribute(
                "events",
                events.list(PageRequest.of(0, 50, Sort.by(Sort.Direction.DESC, "startsAt")))
                        .items());
        return "portal/staff-events";
    }

    @GetMapping("/portal/staff/events/{id}/check-in")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    String checkIn(@PathVariable UUID id, Model model) {
        model.addAttribute("event", events.anyEvent(id));
        return "portal/check-in";
    }

    /** A registration's code as a QR code to show at the door; only a genuine code of this lab is drawn. */
    @PostMapping(value = "/public/registrations/qr", produces = "image/svg+xml")
    @PreAuthorize(RegistrationController.PUBLIC_FLOW)
    @Transactional(readOnly = true)
    @ResponseBody
    ResponseEntity<String> qr(@Valid @RequestBody CodeRequest request) {
        if (codes.verify(request.code()).isEmpty()) {
            throw Problems.invalidField("code", "not-a-check-in-code");
        }
        return ResponseEntity.ok(svg(QrCode.encodeText(request.code(), QrCode.Ecc.MEDIUM)));
    }

    /** The QR code as one SVG path, with its quiet zone. */
    static String svg(QrCode qr) {
        int border = 4;
        int size = qr.size + 2 * border;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M')
                            .append(x + border)
                            .append(',')
                            .append(y + border)
                            .append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" role=\"img\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
