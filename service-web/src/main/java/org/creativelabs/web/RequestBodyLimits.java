package org.creativelabs.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every request body is limited before it is buffered: 64 KB by default, more where a handler says so
 * ({@link BodyLimit}). A declared Content-Length over the limit is refused before anything is read; a body without one
 * (chunked) is counted as it is read and refused at the first byte over. Either way the answer is 413 problem+json.
 * Authentication comes first (the security filters run before this), so an anonymous caller's body is never read.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestBodyLimits implements WebMvcConfigurer {

    private static final String LIMIT = RequestBodyLimits.class.getName() + ".limit";
    /** Spring Security's filter chain order in Boot ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}). */
    private static final int SECURITY_FILTER_ORDER = -100;

    private final long defaultLimit;

    RequestBodyLimits(@Value("${platform.web.max-body-size:64KB}") DataSize defaultLimit) {
        this.defaultLimit = defaultLimit.toBytes();
    }

    /**
     * Thrown by the limit check and the counting stream (an {@link IOException} because it surfaces from a read); each
     * service's {@link ProblemJsonExceptionHandler} answers it with 413.
     */
    public static final class BodyTooLargeException extends IOException {

        private final long limit;

        BodyTooLargeException(long limit) {
            super("The request body exceeds " + limit + " bytes");
            this.limit = limit;
        }

        /** The most bytes the operation accepts. */
        public long limit() {
            return limit;
        }
    }

    /** Once the handler is known (and before its arguments are read): its limit, checked against Content-Length. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws BodyTooLargeException {
                long limit = defaultLimit;
                if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(BodyLimit.class)) {
                    limit = method.getMethodAnnotation(BodyLimit.class).bytes();
                }
                request.setAttribute(LIMIT, limit);
                if (request.getContentLengthLong() > limit) {
                    throw new BodyTooLargeException(limit);
                }
                return true;
            }
        });
    }

    /** Counts what is read, for bodies sent without a Content-Length; right after Spring Security's filters. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyCounter() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        chain.doFilter(new Limited(request), response);
                    }
                });
        registration.setOrder(SECURITY_FILTER_ORDER + 1);
        return registration;
    }

    private final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream counted;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counted(super.getInputStream(), this);
            }
            return counted;
        }

        long limit() {
            return getAttribute(LIMIT) instanceof Long limit ? limit : defaultLimit;
        }
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final Limited request;
        private long read;

        Counted(ServletInputStream in, Limited request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            long limit = request.limit();
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
