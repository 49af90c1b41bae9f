package org.creativelabs.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which language a page or an API answer speaks, and where a page's links start. */
class PortalLanguagesTests {

    private final PortalLanguages languages = new PortalLanguages();

    @Test
    void aChosenLanguageBeatsTheLabsDefaultWhichBeatsTheBrowsers() {
        MockHttpServletRequest page = new MockHttpServletRequest();
        page.addHeader("Accept-Language", "ru-RU,ru;q=0.9");
        assertThat(languages.resolveLocale(page)).isEqualTo(Locale.forLanguageTag("ru"));
        page.setAttribute(PortalLanguages.LAB_DEFAULT, "ky");
        assertThat(languages.resolveLocale(page)).isEqualTo(Locale.forLanguageTag("ky"));
        page.setCookies(new Cookie("lang", "uz"));
        assertThat(languages.resolveLocale(page)).isEqualTo(Locale.forLanguageTag("uz"));
    }

    @Test
    void onlyTheFourLanguagesAreTakenOrRemembered() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", "de-DE");
        request.setCookies(new Cookie("lang", "fr"));
        assertThat(languages.resolveLocale(request)).isEqualTo(Locale.ENGLISH);

        MockHttpServletResponse response = new MockHttpServletResponse();
        languages.setLocale(request, response, Locale.GERMAN);
        assertThat(response.getCookie("lang")).isNull();
        languages.setLocale(request, response, Locale.forLanguageTag("ky"));
        assertThat(response.getCookie("lang").getValue()).isEqualTo("ky");
        assertThat(response.getCookie("lang").getMaxAge()).isEqualTo(365 * 24 * 3600);
        assertThat(languages.resolveLocale(request)).isEqualTo(Locale.forLanguageTag("ky"));
    }

    @Test
    void linksStartWhereTheGatewaySaysAndNowhereElse() {
        MockHttpServletRequest direct = new MockHttpServletRequest();
        assertThat(PortalPages.base(direct, "osh")).isEqualTo("/api/labs/osh");
        MockHttpServletRequest byPath = new MockHttpServletRequest();
        byPath.addHeader(PortalPages.PAGES_PREFIX, "/labs/osh");
        assertThat(PortalPages.base(byPath, "osh")).isEqualTo("/labs/osh");
        MockHttpServletRequest byHost = new MockHttpServletRequest();
        byHost.addHeader(PortalPages.PAGES_PREFIX, "/");
        assertThat(PortalPages.base(byHost, "osh")).isEmpty();
        MockHttpServletRequest forged = new MockHttpServletRequest();
        forged.addHeader(PortalPages.PAGES_PREFIX, "https://evil.example/labs/osh");
        assertThat(PortalPages.base(forged, "osh")).isEqualTo("/api/labs/osh");
        MockHttpServletRequest otherLab = new MockHttpServletRequest();
        otherLab.addHeader(PortalPages.PAGES_PREFIX, "/labs/batken");
        assertThat(PortalPages.base(otherLab, "osh")).isEqualTo("/api/labs/osh");
    }
}
