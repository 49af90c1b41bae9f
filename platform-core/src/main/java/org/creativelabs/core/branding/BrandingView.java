package org.creativelabs.core.branding;

import java.time.Instant;

record BrandingView(
        String displayName,
        String primaryColor,
        String accentColor,
        String defaultLanguage,
        String timeZone,
        String contactEmail,
        String contactPhone,
        String address,
        String logoUrl,
        long version,
        Instant updatedAt) {}
