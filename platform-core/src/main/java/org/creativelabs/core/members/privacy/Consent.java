package org.creativelabs.core.members.privacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member's recorded consent to keep some sensitive fields; withdrawing it removes them. */
@Entity
@Table(name = "consent")
class Consent {

    /** The version of the consent text the portal shows; recorded with every consent. */
    static final String WORDING = "sensitive-fields-v1";

    @Id
    private UUID id;

    @Column(name = "membership_id")
    private UUID membershipId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] fields;

    private String wording;

    @Column(name = "given_at")
    private Instant givenAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    protected Consent() {}

    Consent(UUID membershipId, Set<SensitiveField> fields) {
        this.id = UUID.randomUUID();
        this.membershipId = membershipId;
        this.fields = fields.stream().sorted().map(SensitiveField::value).toArray(String[]::new);
        this.wording = WORDING;
        this.givenAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    UUID membershipId() {
        return membershipId;
    }

    boolean active() {
        return withdrawnAt == null;
    }

    Set<SensitiveField> fields() {
        return Arrays.stream(fields)
                .map(SensitiveField::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SensitiveField.class)));
    }

    void withdraw() {
        if (withdrawnAt == null) {
            withdrawnAt = Instant.now();
        }
    }

    ConsentView view() {
        return new ConsentView(id, fields(), wording, givenAt, withdrawnAt);
    }
}
