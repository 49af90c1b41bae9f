package org.creativelabs.gateway.login;

import java.util.Map;
import org.creativelabs.gateway.errors.GatewayProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A form a signed-in browser posts is read twice: by the CSRF check (its {@code _csrf} field) and by the service it
 * goes to. A request body can be read once, so such a form (at most {@code platform.gateway.max-form-size}, 64 KB, as
 * the services accept; over it 413) is kept in memory before the security filters and replayed to both. Other bodies
 * stream through untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FormBodyReplay implements WebFilter {

    private static final FormHttpMessageReader FORMS = new FormHttpMessageReader();
    private static final ResolvableType FORM =
            ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);

    private final int limit;

    FormBodyReplay(@Value("${platform.gateway.max-form-size:64KB}") DataSize limit) {
        this.limit = (int) limit.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!SessionCookie.authorisesChange(exchange)
                || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(
                        request.getHeaders().getContentType())) {
            return chain.filter(exchange);
        }
        if (request.getHeaders().getContentLength() > limit) {
            return Mono.error(tooLarge());
        }
        return DataBufferUtils.join(request.getBody(), limit)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .flatMap(bytes -> chain.filter(replaying(exchange, bytes)));
    }

    private static ServerWebExchange replaying(ServerWebExchange exchange, byte[] bytes) {
        ServerHttpRequest replayed = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
        };
        Mono<MultiValueMap<String, String>> form =
                FORMS.readMono(FORM, replayed, Map.of()).cache();
        return new ServerWebExchangeDecorator(
                exchange.mutate().request(replayed).build()) {
            @Override
            public Mono<MultiValueMap<String, String>> getFormData() {
                return form;
            }
        };
    }

    private GatewayProblem tooLarge() {
        return new GatewayProblem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", limit / 1024);
    }
}
