package org.creativelabs.core.branding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;

/**
 * An uploaded logo, accepted only when its bytes are a PNG, JPEG or WebP (recognised by file signature, whatever
 * the client claims) and small enough. SVG is never accepted: it can carry scripts.
 */
record LogoImage(byte[] bytes, String contentType) {

    static final int MAX_BYTES = 512 * 1024;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    static LogoImage of(byte[] bytes, String declaredType) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid("too-large", bytes.length / 1024, MAX_BYTES / 1024);
        }
        String detected = detect(bytes);
        if (detected == null) {
            throw invalid("not-an-image");
        }
        if (declaredType != null && !declaredType.startsWith(detected)) {
            throw invalid("mislabelled", detected, declaredType);
        }
        return new LogoImage(bytes, detected);
    }

    private static String detect(byte[] bytes) {
        if (startsWith(bytes, PNG)) {
            return "image/png";
        }
        if (startsWith(bytes, JPEG)) {
            return "image/jpeg";
        }
        if (bytes.length >= 12 && "RIFF".equals(ascii(bytes, 0)) && "WEBP".equals(ascii(bytes, 8))) {
            return "image/webp";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] signature) {
        return bytes.length >= signature.length
                && Arrays.equals(bytes, 0, signature.length, signature, 0, signature.length);
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }

    private static Problems.Problem invalid(String reason, Object... args) {
        Problems.Problem problem = Problems.withMessage(
                        HttpStatus.BAD_REQUEST, "invalid-logo", "invalid-logo." + reason, args)
                .with("field", "logo");
        return problem;
    }
}
