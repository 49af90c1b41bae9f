package org.creativelabs.core.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrandingIntegrationTests extends LabApiTest {

    Lab lab;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("brand");
    }

    @Test
    void theBrandingIsPublicAndLabAdminsChangeIt() {
        Api.Reply initial = api.anonymous().get(path("/public/branding"));
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.json().get("displayName").asString()).isEqualTo("Creative Lab");

        Api.Reply updated =
                api.put(path("/branding"), valid(initial.json().get("version").asLong()));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        Api.Reply seen = api.anonymous().get(path("/public/branding"));
        assertThat(seen.json().get("displayName").asString()).isEqualTo("Women Creative Lab Osh");
        assertThat(seen.json().get("defaultLanguage").asString()).isEqualTo("ky");
        assertThat(seen.json().get("contactEmail").asString()).isEqualTo("osh@example.org");

        Api.Reply stale =
                api.put(path("/branding"), valid(initial.json().get("version").asLong()));
        assertThat(stale.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @CsvSource({
        "primaryColor,red",
        "accentColor,#12345",
        "defaultLanguage,fr",
        "timeZone,Mars/Olympus",
        "contactEmail,not-an-address",
        "contactPhone,call me",
        "displayName,''"
    })
    void invalidBrandingIsA400NamingTheFieldAndChangesNothing(String field, String value) {
        long version = api.get(path("/public/branding")).json().get("version").asLong();
        Map<String, Object> body = new HashMap<>(valid(version));
        body.put(field, value);
        Api.Reply reply = api.put(path("/branding"), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        String expectedField = field.equals("timeZone") ? "knownTimeZone" : field;
        assertThat(reply.json().get("detail").asString()).contains(expectedField);
        assertThat(api.get(path("/public/branding")).json().get("displayName").asString())
                .isEqualTo("Creative Lab");
    }

    @ParameterizedTest
    @CsvSource({"image/png,png", "image/jpeg,jpeg", "image/webp,webp"})
    void aPngJpegOrWebpLogoIsStoredAndServed(String contentType, String kind) {
        byte[] image = switch (kind) {
            case "png" -> TestLabs.png(200);
            case "jpeg" -> withPrefix(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});
            default -> withPrefix("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII));
        };
        Api.Reply uploaded = api.send("PUT", path("/branding/logo"), image, Map.of("Content-Type", contentType));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.json().get("logoUrl").asString())
                .startsWith("/api/labs/" + lab.slug() + "/public/branding/logo");

        Api.Reply served = api.anonymous().get(path("/public/branding/logo"));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo(contentType);
        assertThat(served.bytes()).isEqualTo(image);
    }

    @Test
    void aLogoThatIsNotAnImageIsSvgOrTooLargeIsRefusedAndTheOldOneStays() {
        byte[] original = TestLabs.png(100);
        assertThat(api.put(path("/branding/logo"), original).status()).isEqualTo(200);

        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertInvalidLogo(api.put(path("/branding/logo"), svg));
        assertInvalidLogo(api.send("PUT", path("/branding/logo"), svg, Map.of("Content-Type", "image/svg+xml")));
        assertInvalidLogo(api.put(path("/branding/logo"), "just some text".getBytes(StandardCharsets.UTF_8)));
        Api.Reply tooLarge = api.put(path("/branding/logo"), TestLabs.png(600 * 1024));
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(tooLarge.isProblem()).isTrue();
        assertInvalidLogo(
                api.send("PUT", path("/branding/logo"), TestLabs.png(100), Map.of("Content-Type", "image/jpeg")));
        assertInvalidLogo(api.put(path("/branding/logo"), new byte[0]));

        assertThat(api.anonymous().get(path("/public/branding/logo")).bytes()).isEqualTo(original);
    }

    private void assertInvalidLogo(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().get("field").asString()).isEqualTo("logo");
    }

    private static byte[] withPrefix(byte[] prefix) {
        byte[] bytes = new byte[200];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        return bytes;
    }

    private String path(String rest) {
        return "/api/labs/" + lab.slug() + rest;
    }

    private static Map<String, Object> valid(long version) {
        return Map.of(
                "displayName",
                "Women Creative Lab Osh",
                "primaryColor",
                "#6B2D5C",
                "accentColor",
                "#F2B134",
                "defaultLanguage",
                "ky",
                "timeZone",
                "Asia/Bishkek",
                "contactEmail",
                "osh@example.org",
                "contactPhone",
                "+996 555 123 456",
                "address",
                "Osh, Kurmanjan Datka 1",
                "version",
                version);
    }
}
