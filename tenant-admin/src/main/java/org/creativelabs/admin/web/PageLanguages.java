package org.creativelabs.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: English, Russian, Kyrgyz or Uzbek, switched with {@code ?lang=} on any page and remembered in a
 * cookie for a year; until then, the browser's preferred one of the four, else English.
 */
@Configuration(proxyBeanMethods = false)
public class PageLanguages implements WebMvcConfigurer {

    public static final List<Locale> LANGUAGES = List.of(
            Locale.ENGLISH, Locale.forLanguageTag("ru"), Locale.forLanguageTag("ky"), Locale.forLanguageTag("uz"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookiePath("/");
        resolver.setDefaultLocaleFunction(PageLanguages::preferred);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(
                    HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Object handler)
                    throws jakarta.servlet.ServletException {
                String asked = request.getParameter(getParamName());
                // Only the four languages; anything else is ignored rather than remembered.
                if (asked != null
                        && LANGUAGES.stream().noneMatch(l -> l.getLanguage().equals(asked))) {
                    return true;
                }
                return super.preHandle(request, response, handler);
            }
        };
        change.setParamName("lang");
        registry.addInterceptor(change).addPathPatterns("/console/**", "/undp/**");
    }

    private static Locale preferred(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), LANGUAGES);
            return best == null ? Locale.ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
