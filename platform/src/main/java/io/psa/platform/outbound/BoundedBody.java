package io.psa.platform.outbound;

import java.io.IOException;
import java.io.InputStream;

/** Reads what another instance sends, never more than a limit: a larger answer is refused while it streams in. */
public final class BoundedBody {
    private BoundedBody() {
    }

    /** Thrown when an answer is larger than its limit. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    public static byte[] read(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new TooLarge(limit);
        }
        return bytes;
    }
}
