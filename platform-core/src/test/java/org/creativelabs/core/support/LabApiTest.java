package org.creativelabs.core.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A platform-core integration test that talks to the running service over real HTTP. */
@PlatformCoreIntegrationTest
public abstract class LabApiTest {

    @LocalServerPort
    protected int port;

    protected Api api;
    protected TestLabs labs;

    @BeforeEach
    void connectApi() {
        api = new Api(port);
        labs = new TestLabs(api);
    }
}
