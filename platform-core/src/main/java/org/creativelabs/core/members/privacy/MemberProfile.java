package org.creativelabs.core.members.privacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** How a member presents themself in the lab. Private unless they choose to show it to other members. */
@Entity
@Table(name = "member_profile")
class MemberProfile {

    enum Visibility {
        PRIVATE,
        MEMBERS
    }

    @Id
    @Column(name = "membership_id")
    private UUID membershipId;

    @Column(name = "display_name")
    private String displayName;

    private String email;

    private String phone;

    private String craft;

    private String bio;

    @Enumerated(EnumType.STRING)
    private Visibility visibility;

    @Version
    private long version;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected MemberProfile() {}

    MemberProfile(UUID membershipId) {
        this.membershipId = membershipId;
        this.visibility = Visibility.PRIVATE;
    }

    void change(ProfileRequest request) {
        displayName = request.displayName().strip();
        email = request.email();
        phone = request.phone();
        craft = request.craft();
        bio = request.bio();
        visibility = request.visibility() == null ? Visibility.PRIVATE : request.visibility();
        updatedAt = Instant.now();
    }

    UUID membershipId() {
        return membershipId;
    }

    long version() {
        return version;
    }

    ProfileView view() {
        return new ProfileView(membershipId, displayName, email, phone, craft, bio, visibility, version, updatedAt);
    }

    /** What other members see when the profile is shown to them: no contacts. */
    DirectoryEntry directoryEntry() {
        return new DirectoryEntry(membershipId, displayName, craft, bio);
    }
}
