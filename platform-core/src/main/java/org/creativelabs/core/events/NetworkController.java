package org.creativelabs.core.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's network beyond its members: people who registered for an event without an account and consented to join,
 * and the ambassadors among them. Staff keep it; a lab admin erases a contact who asks.
 */
@RestController
@RequestMapping("/api/labs/{slug}/network")
@Tag(name = "network", description = "Network contacts and ambassadors")
class NetworkController {

    /** {@code role} names the ambassador's role (e.g. "Ambassador in Kara-Suu"); null ends it. */
    record AmbassadorRequest(
            @Size(min = 1, max = 120) String role, @NotNull Long version) {}

    private final NetworkContactRepository contacts;
    private final EventPersonalData personalData;

    NetworkController(NetworkContactRepository contacts, EventPersonalData personalData) {
        this.contacts = contacts;
        this.personalData = personalData;
    }

    @GetMapping
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Network contacts, optionally only ambassadors")
    @Transactional(readOnly = true)
    PageView<NetworkContactView> list(
            @RequestParam(defaultValue = "false") boolean ambassadors,
            @SortableBy({"createdAt", "displayName"}) @PageableDefault(size = 50, sort = "createdAt")
                    Pageable pageable) {
        return PageView.of(contacts.search(ambassadors, pageable), NetworkContact::view);
    }

    @PutMapping("/{id}/ambassador")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Record a contact's ambassador role, or end it with a null role")
    @Transactional
    NetworkContactView ambassador(@PathVariable UUID id, @Valid @RequestBody AmbassadorRequest request) {
        NetworkContact contact = find(id);
        if (request.version() != contact.version()) {
            throw new ObjectOptimisticLockingFailureException(NetworkContact.class, id);
        }
        if (contact.erased()) {
            throw Problems.of(HttpStatus.CONFLICT, "contact-erased", id);
        }
        contact.makeAmbassador(request.role());
        return contacts.saveAndFlush(contact).view();
    }

    @PostMapping("/{id}/erasure")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Operation(
            summary = "Erase a contact's name and contact from the network and their registrations; the counts stay"
                    + " (erasing again changes nothing)")
    @Transactional
    NetworkContactView erase(@PathVariable UUID id) {
        NetworkContact contact = find(id);
        if (!contact.erased()) {
            personalData.eraseContact(contact);
        }
        return contact.view();
    }

    private NetworkContact find(UUID id) {
        return contacts.findById(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "contact-not-found", id));
    }
}
