package org.creativelabs.core.funding;

import java.util.Arrays;
import org.creativelabs.core.web.Problems;
import org.springframework.http.MediaType;

/** What an attachment may be: a PDF, JPEG or PNG, recognised by its first bytes (never by its name or label alone). */
final class Attachments {

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private Attachments() {}

    /** The attachment's type, when the body is what the Content-Type says and one of the accepted ones. */
    static String verify(String contentType, byte[] content) {
        String type;
        try {
            type = MediaType.parseMediaType(contentType).getType() + "/"
                    + MediaType.parseMediaType(contentType).getSubtype();
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("Content-Type", "attachment-type");
        }
        byte[] signature = switch (type) {
            case "application/pdf" -> PDF;
            case "image/png" -> PNG;
            case "image/jpeg" -> JPEG;
            default -> throw Problems.invalidField("Content-Type", "attachment-type");
        };
        if (content.length == 0) {
            throw Problems.invalidField("body", "attachment-empty");
        }
        if (content.length < signature.length || !Arrays.equals(Arrays.copyOf(content, signature.length), signature)) {
            throw Problems.invalidField("body", "attachment-mislabelled", type);
        }
        return type;
    }
}
