package io.psa.platform.content;

import io.psa.api.rule.Limits;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A file's name and media type as this instance keeps them, whatever the uploader or partner sent: a media type
 * that is not a valid, concrete one becomes {@code application/octet-stream} (so the file can always be served), and
 * a name loses its control characters and is cut to {@value Limits#FILE_NAME_LENGTH} characters (never inside a
 * surrogate pair).
 */
public final class FileNames {
    private static final int MAX_CONTENT_TYPE_LENGTH = 200;

    private FileNames() {
    }

    public static String contentType(String given) {
        if (given == null || given.length() > MAX_CONTENT_TYPE_LENGTH || !Limits.isPlainText(given)) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        try {
            MediaType type = MediaType.parseMediaType(given);
            return type.isConcrete() ? type.toString() : MediaType.APPLICATION_OCTET_STREAM_VALUE;
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
    }

    public static String fileName(String given) {
        StringBuilder plain = new StringBuilder();
        (given == null ? "" : given).codePoints()
                .filter(c -> c >= 0x20 && c != 0x7f && Character.getType(c) != Character.SURROGATE)
                .takeWhile(c -> plain.length() + Character.charCount(c) <= Limits.FILE_NAME_LENGTH)
                .forEach(plain::appendCodePoint);
        String name = plain.toString().strip();
        return name.isEmpty() ? "file" : name;
    }
}
