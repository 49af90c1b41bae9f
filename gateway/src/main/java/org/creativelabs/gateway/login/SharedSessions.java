package org.creativelabs.gateway.login;

import io.lettuce.core.RedisURI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;

/**
 * With {@code platform.gateway.session.redis-url} set, browser sessions (and the tokens in them) live in Redis, so a
 * person signed in through one gateway is signed in at every gateway, and logging out at one ends it at all. Without
 * it, Boot's in-memory session store of this one gateway is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${platform.gateway.session.redis-url:}'.isEmpty()")
@EnableRedisWebSession(redisNamespace = "clp:gateway:session")
class SharedSessions {

    @Bean
    LettuceConnectionFactory sessionRedis(SessionProperties session) {
        RedisURI uri = RedisURI.create(session.redisUrl());
        RedisStandaloneConfiguration redis = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        redis.setDatabase(uri.getDatabase());
        if (uri.getUsername() != null) {
            redis.setUsername(uri.getUsername());
        }
        if (uri.getPassword() != null) {
            redis.setPassword(uri.getPassword());
        }
        return new LettuceConnectionFactory(redis);
    }

    @Bean
    ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> sessionTimeout(SessionProperties session) {
        return repository -> repository.setDefaultMaxInactiveInterval(session.timeout());
    }
}
