package org.creativelabs.core.branding;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneId;

/** The lab's look and contacts: one row in each lab's schema. */
@Entity
@Table(name = "branding")
class Branding {

    @Id
    private Boolean singleton = Boolean.TRUE;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "primary_color")
    private String primaryColor;

    @Column(name = "accent_color")
    private String accentColor;

    @Column(name = "default_language")
    private String defaultLanguage;

    @Column(name = "time_zone")
    private String timeZone;

    @Column(name = "contact_email")
    private String contactEmail;

    @Column(name = "contact_phone")
    private String contactPhone;

    private String address;

    private byte[] logo;

    @Column(name = "logo_content_type")
    private String logoContentType;

    @Version
    private long version;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Branding() {}

    void apply(BrandingRequest request) {
        displayName = request.displayName().strip();
        primaryColor = request.primaryColor();
        accentColor = request.accentColor();
        defaultLanguage = request.defaultLanguage();
        timeZone = request.timeZone();
        contactEmail = request.contactEmail();
        contactPhone = request.contactPhone();
        address = request.address();
        updatedAt = Instant.now();
    }

    void replaceLogo(LogoImage image) {
        logo = image.bytes();
        logoContentType = image.contentType();
        updatedAt = Instant.now();
    }

    long version() {
        return version;
    }

    byte[] logo() {
        return logo;
    }

    String logoContentType() {
        return logoContentType;
    }

    ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    org.creativelabs.core.portal.LabLook.Look look() {
        return new org.creativelabs.core.portal.LabLook.Look(
                displayName,
                primaryColor,
                accentColor,
                defaultLanguage,
                zone(),
                contactEmail,
                contactPhone,
                address,
                logo != null,
                version);
    }

    BrandingView view(String slug) {
        String logoUrl = logo == null ? null : "/api/labs/" + slug + "/public/branding/logo?v=" + version;
        return new BrandingView(
                displayName,
                primaryColor,
                accentColor,
                defaultLanguage,
                timeZone,
                contactEmail,
                contactPhone,
                address,
                logoUrl,
                version,
                updatedAt);
    }
}
