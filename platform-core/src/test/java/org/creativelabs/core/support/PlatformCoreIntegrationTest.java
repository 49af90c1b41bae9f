package org.creativelabs.core.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A platform-core test against a real PostgreSQL (the server in {@code CLP_TEST_DATABASE_URL}, else an embedded
 * one), a real Keycloak ({@code CLP_TEST_KEYCLOAK_URL}, else one started for the JVM) and a real HTTP port. All such
 * tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({TestClock.Configuration.class, TransactionCounter.Configuration.class})
public @interface PlatformCoreIntegrationTest {}
