package org.creativelabs.core.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry for an event: a person (with an account, or with a name and a contact) and their companions, holding
 * {@code seats} seats or waiting for them at {@code position} in the event's line.
 */
@Entity
@Table(name = "event_registration")
class Registration {

    enum Status {
        CONFIRMED,
        WAITLISTED,
        OFFERED,
        CANCELLED,
        EXPIRED;

        /** Holds seats or waits for them. */
        boolean live() {
            return this == CONFIRMED || this == WAITLISTED || this == OFFERED;
        }
    }

    @Id
    private UUID id;

    @Column(name = "event_id")
    private UUID eventId;

    /** Who this is, for "one live registration per person": {@code account:<subject>} or {@code contact:<contact>}. */
    @Column(name = "person_key")
    private String personKey;

    private String subject;

    @Column(name = "contact_id")
    private UUID contactId;

    private String name;

    private String contact;

    private int seats;

    @Enumerated(EnumType.STRING)
    private Status status;

    private long position;

    @Column(name = "offered_until")
    private Instant offeredUntil;

    @Column(name = "checked_in_at")
    private Instant checkedInAt;

    @Column(name = "checked_in_device")
    private String checkedInDevice;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Registration() {}

    Registration(
            UUID eventId,
            String personKey,
            String subject,
            UUID contactId,
            String name,
            String contact,
            int seats,
            Status status,
            long position) {
        this.id = UUID.randomUUID();
        this.eventId = eventId;
        this.personKey = personKey;
        this.subject = subject;
        this.contactId = contactId;
        this.name = name;
        this.contact = contact;
        this.seats = seats;
        this.status = status;
        this.position = position;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void offer(Instant until) {
        move(Status.OFFERED);
        this.offeredUntil = until;
    }

    void confirm() {
        move(Status.CONFIRMED);
        this.offeredUntil = null;
    }

    void end(Status ended) {
        move(ended);
        this.offeredUntil = null;
    }

    private void move(Status next) {
        this.status = next;
        this.updatedAt = Instant.now();
    }

    /** Checks in once: the first scan counts, a later one (another phone, a retry) changes nothing. */
    boolean checkIn(Instant at, String device) {
        if (checkedInAt != null) {
            return false;
        }
        this.checkedInAt = at;
        this.checkedInDevice = device;
        this.updatedAt = Instant.now();
        return true;
    }

    void erase(String pseudonym) {
        this.personKey = pseudonym + ":" + id;
        this.subject = subject == null ? null : pseudonym;
        this.name = null;
        this.contact = null;
        this.updatedAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    UUID eventId() {
        return eventId;
    }

    String subject() {
        return subject;
    }

    UUID contactId() {
        return contactId;
    }

    String name() {
        return name;
    }

    int seats() {
        return seats;
    }

    Status status() {
        return status;
    }

    long position() {
        return position;
    }

    Instant offeredUntil() {
        return offeredUntil;
    }

    Instant checkedInAt() {
        return checkedInAt;
    }

    boolean offerLapsed(Instant now) {
        return status == Status.OFFERED && !offeredUntil.isAfter(now);
    }

    /** What the person sees of their own entry; {@code code} is their check-in code, {@code ahead} the seats before. */
    RegistrationView view(String code, Long waitlistPlace) {
        return new RegistrationView(
                id, eventId, name, seats, status, waitlistPlace, offeredUntil, checkedInAt, code, createdAt);
    }

    /** What staff see: the contact too, and the line position. */
    StaffRegistrationView staffView() {
        return new StaffRegistrationView(
                id,
                name,
                contact,
                subject != null && !subject.startsWith("erased:"),
                contactId,
                seats,
                status,
                position,
                offeredUntil,
                checkedInAt,
                checkedInDevice,
                createdAt);
    }
}
