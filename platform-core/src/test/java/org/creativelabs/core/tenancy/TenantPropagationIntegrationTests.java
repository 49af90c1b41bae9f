package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.creativelabs.core.support.LabApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The lab travels with the work — into the MDC, the request's trace and {@code @Async} work — and is
 * cleared afterwards; metrics carry no lab tag (their memory would grow with the number of labs).
 */
class TenantPropagationIntegrationTests extends LabApiTest {

    @Autowired
    TenantContextFilter filter;

    @Autowired
    AsyncTaskExecutor applicationTaskExecutor;

    @Autowired
    MeterRegistry meters;

    Lab lab;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("trace");
    }

    @Test
    void theRequestThreadCarriesTheLabInContextMdcAndTraceAndLosesItAfterwards() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/labs/" + lab.slug() + "/spaces");
        ServerRequestObservationContext observation =
                new ServerRequestObservationContext(request, new MockHttpServletResponse());
        request.setAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, observation);
        AtomicReference<Optional<Lab>> seen = new AtomicReference<>();
        AtomicReference<String> mdc = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            seen.set(TenantContext.current());
            mdc.set(MDC.get("lab"));
        });

        assertThat(seen.get()).contains(lab);
        assertThat(mdc.get()).isEqualTo(lab.slug());
        assertThat(observation.getHighCardinalityKeyValue("lab").getValue()).isEqualTo(lab.slug());
        assertThat(observation.getLowCardinalityKeyValue("lab"))
                .as("never a metric tag")
                .isNull();
        assertThat(TenantContext.current()).isEmpty();
        assertThat(MDC.get("lab")).isNull();
    }

    @Test
    void asyncWorkRunsInTheCallersLabAndPooledThreadsAreLeftWithout() throws Exception {
        Future<Optional<Lab>> inLab =
                TenantContext.callAs(lab, () -> applicationTaskExecutor.submit(TenantContext::current));
        assertThat(inLab.get()).contains(lab);

        for (int i = 0; i < 20; i++) { // enough tasks to land on the thread that ran the lab's work
            Future<String> unbound = applicationTaskExecutor.submit(
                    () -> TenantContext.current().map(Lab::slug).orElse("none") + "/" + MDC.get("lab"));
            assertThat(unbound.get()).isEqualTo("none/null");
        }
    }

    @Test
    void requestMetricsHaveNoLabTag() {
        for (int i = 0; i < 3; i++) {
            api.get("/api/labs/" + lab.slug() + "/spaces");
        }
        var requests = meters.find("http.server.requests").meters();
        assertThat(requests).as("server request metrics are recorded").isNotEmpty();
        for (Meter meter : requests) {
            assertThat(meter.getId().getTag("lab")).isNull();
            assertThat(meter.getId().getTags().toString()).doesNotContain(lab.slug());
        }
    }
}
