package org.creativelabs.core.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every page of a lab's portal shares: the lab's look and language, the address its links start from, who is
 * signed in and what they may see in the menu, a fresh Idempotency-Key for its forms, and its files (CSS, scripts).
 *
 * <p>Pages live under {@code /api/labs/<slug>/portal/…} (the home at {@code /api/labs/<slug>/}); through the gateway
 * that is {@code /labs/<slug>/…} or a lab's own host, which the gateway says in {@code X-Pages-Prefix} (Spring Cloud Gateway drops X-Forwarded-* headers from untrusted proxies, its own included).
 */
@Configuration(proxyBeanMethods = false)
public class PortalPages implements WebMvcConfigurer, HandlerInterceptor {

    /** The paths of the portal's pages (home, pages, their files). */
    public static final String[] PATHS = {"/api/labs/*", "/api/labs/*/", "/api/labs/*/portal/**"};

    static final String PAGES_PREFIX = "X-Pages-Prefix";
    private static final String LOOK = PortalPages.class.getName() + ".look";

    private final LabLook looks;
    private final LabAccess access;
    private final TransactionTemplate readOnly;
    private final MessageSource messages;

    PortalPages(LabLook looks, LabAccess access, PlatformTransactionManager transactions, MessageSource messages) {
        this.looks = looks;
        this.access = access;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.messages = messages;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns(PATHS)
                .excludePathPatterns("/api/labs/*/portal/assets/**", "/api/labs/*/portal/theme.css");
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws jakarta.servlet.ServletException {
                // Only the four languages; anything else is ignored rather than remembered.
                String asked = request.getParameter(getParamName());
                return asked != null && !PortalLanguages.LANGUAGES.contains(asked)
                        || super.preHandle(request, response, handler);
            }
        };
        change.setParamName("lang");
        registry.addInterceptor(change).addPathPatterns(PATHS);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // The same few files for every lab, cached for a week (their links carry the build's version).
        registry.addResourceHandler("/api/labs/*/portal/assets/**")
                .addResourceLocations("classpath:/portal/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
                .resourceChain(true)
                .addResolver(new AfterTheSlug())
                .addResolver(new org.springframework.web.servlet.resource.PathResourceResolver());
    }

    /** The path a file is asked for under starts with the lab's slug (the pattern's first wildcard): the file is what follows. */
    static final class AfterTheSlug extends org.springframework.web.servlet.resource.AbstractResourceResolver {

        private static final String ASSETS = "/portal/assets/";

        @Override
        protected org.springframework.core.io.Resource resolveResourceInternal(
                HttpServletRequest request,
                String path,
                java.util.List<? extends org.springframework.core.io.Resource> locations,
                org.springframework.web.servlet.resource.ResourceResolverChain chain) {
            return chain.resolveResource(request, file(path), locations);
        }

        @Override
        protected String resolveUrlPathInternal(
                String path,
                java.util.List<? extends org.springframework.core.io.Resource> locations,
                org.springframework.web.servlet.resource.ResourceResolverChain chain) {
            return chain.resolveUrlPath(file(path), locations);
        }

        private static String file(String path) {
            int at = path.indexOf(ASSETS);
            return at < 0 ? path : path.substring(at + ASSETS.length());
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        LabLook.Look look = readOnly.execute(status -> looks.current());
        request.setAttribute(LOOK, look);
        request.setAttribute(PortalLanguages.LAB_DEFAULT, look.defaultLanguage());
        // Pages show personal data: never kept by a shared cache; a page of another person is never served from it.
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        return true;
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
            return;
        }
        String slug = slug(request);
        LabLook.Look look = (LabLook.Look) request.getAttribute(LOOK);
        Locale locale = RequestContextUtils.getLocale(request);
        boolean signedIn = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken;
        Menu menu = signedIn
                ? new Menu(
                        true,
                        access.isMember(),
                        access.hasAnyRole("lab-admin", "staff"),
                        access.hasAnyRole("lab-admin"),
                        access.hasOwnRecord())
                : new Menu(false, false, false, false, false);
        page.addObject("lab", look);
        page.addObject("slug", slug);
        page.addObject("base", base(request, slug));
        page.addObject("menu", menu);
        page.addObject("lang", locale.getLanguage());
        page.addObject("f", new PortalFormat(locale, look.zone(), messages));
        page.addObject("idempotencyKey", UUID.randomUUID().toString());
        page.addObject("path", request.getRequestURI());
    }

    /**
     * Who the menu is for: {@code member} (lab-admin, staff, mentor, resident), {@code staff} (lab-admin or staff),
     * {@code admin} (lab-admin), {@code ownRecord} (a member or an applicant: their application and data).
     */
    public record Menu(boolean signedIn, boolean member, boolean staff, boolean admin, boolean ownRecord) {}

    /**
     * Where the lab's links start: {@code /labs/<slug>} or (on the lab's own host) nothing, as the gateway says, else
     * platform-core's own {@code /api/labs/<slug>}. Only those values are taken, so no header can point links elsewhere.
     */
    static String base(HttpServletRequest request, String slug) {
        String prefix = request.getHeader(PAGES_PREFIX);
        if (("/labs/" + slug).equals(prefix)) {
            return prefix;
        }
        return "/".equals(prefix) ? "" : "/api/labs/" + slug;
    }

    @SuppressWarnings("unchecked")
    static String slug(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof java.util.Map<?, ?> map && map.get("slug") instanceof String slug) {
            return slug;
        }
        return request.getRequestURI().split("/")[3];
    }
}
