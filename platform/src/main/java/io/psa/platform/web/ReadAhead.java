package io.psa.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A request whose body was read whole before it ran on, and is then read again from memory by the application. */
final class ReadAhead extends HttpServletRequestWrapper {
    /**
     * The longest declared body read into an array of its length before it arrives; a longer one is read in pieces
     * as it comes, so that a client declaring much and sending slowly holds no more memory than it sent.
     */
    private static final int AT_ONCE = 64 * 1024;
    private final byte[] body;

    private ReadAhead(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The request with its body read whole, or {@code null} when the body is longer than {@code maxSize} bytes. */
    static ReadAhead read(HttpServletRequest request, long maxSize) throws IOException {
        if (request instanceof ReadAhead already) {
            return already;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxSize) {
            return null;
        }
        byte[] body = declared >= 0 && declared <= AT_ONCE ? readDeclared(request, (int) declared)
                : readUpTo(request, maxSize);
        return body == null ? null : new ReadAhead(request, body);
    }

    /** A body of a declared length, in one array of that length (the servlet container reads no further). */
    private static byte[] readDeclared(HttpServletRequest request, int length) throws IOException {
        byte[] body = new byte[length];
        int read = request.getInputStream().readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    /** A body read as it comes (chunked, or long), or {@code null} when it is longer than {@code maxSize} bytes. */
    private static byte[] readUpTo(HttpServletRequest request, long maxSize) throws IOException {
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxSize) + 1);
        return body.length > maxSize ? null : body;
    }

    byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream bytes = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return bytes.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is read already");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        return new BufferedReader(new InputStreamReader(getInputStream(),
                encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
