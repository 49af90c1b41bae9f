package org.creativelabs.core.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Pageable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks every {@code sort} parameter against the list's {@link SortableBy} before the handler runs, so an unknown or
 * hidden property is a 400 naming {@code sort} (never a 500 from the query, never an ordering by a hidden field).
 * Spring Data's form is {@code sort=property[,property…][,asc|desc]}.
 */
@Configuration(proxyBeanMethods = false)
class SortAllowList implements WebMvcConfigurer, HandlerInterceptor {

    private static final Set<String> DIRECTIONS = Set.of("asc", "desc");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String[] sorts = request.getParameterValues("sort");
        if (sorts == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<String> allowed = allowed(method);
        for (String sort : sorts) {
            // Exactly as sent: a property padded with spaces or control characters is not the property.
            List<String> parts =
                    Arrays.stream(sort.split(",")).filter(p -> !p.isEmpty()).toList();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                boolean direction =
                        i > 0 && i == parts.size() - 1 && DIRECTIONS.contains(part.toLowerCase(Locale.ROOT));
                if (!direction && !allowed.contains(part)) {
                    throw Problems.invalidField(
                            "sort", allowed.isEmpty() ? "sort-none" : "sort-not-allowed", String.join(", ", allowed));
                }
            }
        }
        return true;
    }

    private static List<String> allowed(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (Pageable.class.isAssignableFrom(parameter.getParameterType())) {
                SortableBy sortable = parameter.getParameterAnnotation(SortableBy.class);
                return sortable == null ? List.of() : List.of(sortable.value());
            }
        }
        return List.of();
    }
}
