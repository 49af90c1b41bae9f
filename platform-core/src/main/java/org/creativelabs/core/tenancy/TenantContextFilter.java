package org.creativelabs.core.tenancy;

import io.micrometer.common.KeyValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.UriUtils;

/**
 * Binds a lab API request ({@code /api/labs/{slug}/…}) to its lab, taken from the path only. The raw path
 * segment is checked, so matrix parameters or encoded characters can never smuggle another name past the
 * check. Unknown labs are 404 and labs that are not serving 423, whether or not a gateway is in front.
 * The lab goes into the MDC and the request's trace (not its metrics), and is cleared when the request ends.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TenantContextFilter extends OncePerRequestFilter {

    static final String PREFIX = "/api/labs/";

    private final TenantCatalog catalog;
    private final HandlerExceptionResolver problems;

    TenantContextFilter(
            TenantCatalog catalog, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded path decides, as it does for Spring MVC's mappings: /api/l%61bs/… is a lab request too.
        return !decodedPathWithinApplication(request).startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Lab lab;
        try {
            lab = resolve(request);
        } catch (InvalidLabSlugException | LabNotFoundException | LabNotServingException e) {
            problems.resolveException(request, response, null, e);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.addHighCardinalityKeyValue(KeyValue.of("lab", lab.slug())));
        TenantContext.bind(lab);
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    private Lab resolve(HttpServletRequest request) {
        String raw = pathWithinApplication(request);
        if (!raw.startsWith(PREFIX)) {
            // An encoded character before the slug: one lab path has one spelling.
            throw new InvalidLabSlugException("path-encoding", raw);
        }
        String rest = raw.substring(PREFIX.length());
        int end = rest.indexOf('/');
        String rawSegment = end < 0 ? rest : rest.substring(0, end);
        String text;
        try {
            text = UriUtils.decode(rawSegment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidLabSlugException("encoding", rawSegment);
        }
        LabSlug slug = new LabSlug(text);
        CatalogEntry entry = catalog.findBySlug(slug).orElseThrow(() -> new LabNotFoundException(slug.value()));
        if (!entry.serving()) {
            throw new LabNotServingException(slug.value());
        }
        return entry.lab();
    }

    private static String decodedPathWithinApplication(HttpServletRequest request) {
        try {
            return UriUtils.decode(pathWithinApplication(request), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return pathWithinApplication(request);
        }
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
