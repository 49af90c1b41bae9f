package org.creativelabs.core.portal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of pages and of the problems the API answers them with: English, Russian, Kyrgyz or Uzbek. A person's
 * choice ({@code ?lang=} on any page) is remembered in the {@code lang} cookie for a year (the console's too, so one
 * choice holds across the platform); until they choose, a page speaks the lab's default language (its branding) and an
 * API call the caller's {@code Accept-Language}; anything else gets English.
 */
@Component("localeResolver")
public class PortalLanguages implements LocaleResolver {

    public static final List<String> LANGUAGES = List.of("en", "ru", "ky", "uz");
    static final String COOKIE = "lang";
    /** Set by the portal for a page request: the lab's default language. */
    static final String LAB_DEFAULT = PortalLanguages.class.getName() + ".labDefault";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return chosen(request)
                .or(() -> Optional.ofNullable((String) request.getAttribute(LAB_DEFAULT))
                        .filter(LANGUAGES::contains))
                .or(() -> accepted(request))
                .map(Locale::forLanguageTag)
                .orElse(Locale.ENGLISH);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (locale == null || !LANGUAGES.contains(locale.getLanguage()) || response == null) {
            return;
        }
        Cookie cookie = new Cookie(COOKIE, locale.getLanguage());
        cookie.setPath("/");
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        request.setAttribute(COOKIE, locale.getLanguage());
    }

    /** The language asked for on this request ({@code ?lang=}) or remembered in the cookie. */
    static Optional<String> chosen(HttpServletRequest request) {
        if (request.getAttribute(COOKIE) instanceof String now) {
            return Optional.of(now);
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && LANGUAGES.contains(cookie.getValue())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> accepted(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Locale.lookupTag(Locale.LanguageRange.parse(header), LANGUAGES));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
