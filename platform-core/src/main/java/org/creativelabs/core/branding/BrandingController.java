package org.creativelabs.core.branding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Duration;
import org.creativelabs.core.web.Problems;
import org.creativelabs.web.BodyLimit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The lab's branding: public for the portal, changed by lab admins. */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "branding", description = "A lab's name, colours, language, contacts and logo")
class BrandingController {

    private final BrandingRepository branding;

    BrandingController(BrandingRepository branding) {
        this.branding = branding;
    }

    /** Public: the portal shows it before anyone signs in. */
    @GetMapping("/public/branding")
    @Operation(summary = "The lab's branding (public)")
    @Transactional(readOnly = true)
    BrandingView get(@PathVariable String slug) {
        return branding.current().view(slug);
    }

    @GetMapping("/public/branding/logo")
    @Operation(summary = "The lab's logo (public)")
    @Transactional(readOnly = true)
    ResponseEntity<byte[]> logo() {
        Branding current = branding.current();
        if (current.logo() == null) {
            throw Problems.of(HttpStatus.NOT_FOUND, "no-logo");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(current.logoContentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .header("X-Content-Type-Options", "nosniff")
                .body(current.logo());
    }

    @PutMapping("/branding")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Transactional
    BrandingView update(@PathVariable String slug, @Valid @RequestBody BrandingRequest request) {
        Branding current = branding.current();
        if (request.version() != current.version()) {
            throw new ObjectOptimisticLockingFailureException(Branding.class, "branding");
        }
        current.apply(request);
        return branding.saveAndFlush(current).view(slug);
    }

    // Any declared type is read, so that an SVG or a mislabelled file is refused by its content, with a 400 naming the
    // logo.
    @PutMapping("/branding/logo")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Operation(summary = "Replace the logo: the raw PNG, JPEG or WebP bytes (at most 512 KB; never SVG)")
    @BodyLimit(bytes = LogoImage.MAX_BYTES)
    @Transactional
    BrandingView uploadLogo(
            @PathVariable String slug,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            HttpServletRequest request)
            throws IOException {
        // Read here, after the lab-admin check, not as an argument: nobody else gets even 512 KB buffered.
        byte[] image = request.getInputStream().readAllBytes();
        Branding current = branding.current();
        current.replaceLogo(LogoImage.of(image, contentType));
        return branding.saveAndFlush(current).view(slug);
    }
}
