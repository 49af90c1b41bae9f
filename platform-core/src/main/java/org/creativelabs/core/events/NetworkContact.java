package org.creativelabs.core.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A person in the lab's network without an account here: they registered for an event and consented to join. An
 * ambassador is a contact with a recorded role. Erasure keeps the row (the network's count) without name or contact.
 */
@Entity
@Table(name = "network_contact")
class NetworkContact {

    @Id
    private UUID id;

    @Column(name = "display_name")
    private String displayName;

    private String contact;

    /** The contact as typed by anyone, trimmed and lower-cased: the same person registering again is found by it. */
    @Column(name = "contact_key")
    private String contactKey;

    @Column(name = "consent_wording")
    private String consentWording;

    @Column(name = "consented_at")
    private Instant consentedAt;

    @Column(name = "ambassador_role")
    private String ambassadorRole;

    @Column(name = "ambassador_since")
    private Instant ambassadorSince;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected NetworkContact() {}

    NetworkContact(String displayName, String contact, String consentWording) {
        this.id = UUID.randomUUID();
        this.displayName = displayName;
        this.contact = contact.strip();
        this.contactKey = key(contact);
        this.consentWording = consentWording;
        this.consentedAt = Instant.now();
        this.createdAt = consentedAt;
    }

    static String key(String contact) {
        return contact.strip().replaceAll("[\\s()-]", "").toLowerCase(Locale.ROOT);
    }

    void makeAmbassador(String role) {
        if (role == null) {
            ambassadorRole = null;
            ambassadorSince = null;
        } else {
            if (ambassadorSince == null) {
                ambassadorSince = Instant.now();
            }
            ambassadorRole = role;
        }
    }

    void erase() {
        displayName = null;
        contact = null;
        contactKey = null;
        ambassadorRole = null;
        ambassadorSince = null;
        erasedAt = Instant.now();
    }

    boolean erased() {
        return erasedAt != null;
    }

    UUID id() {
        return id;
    }

    long version() {
        return version;
    }

    String pseudonym() {
        return "erased:" + id;
    }

    NetworkContactView view() {
        return new NetworkContactView(
                id,
                displayName,
                contact,
                consentWording,
                consentedAt,
                ambassadorRole,
                ambassadorSince,
                erasedAt,
                version);
    }
}
