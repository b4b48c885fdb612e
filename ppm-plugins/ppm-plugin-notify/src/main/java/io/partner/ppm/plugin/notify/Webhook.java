package io.partner.ppm.plugin.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON with {@link HttpURLConnection}: it starts in a few milliseconds, where
 * {@code java.net.http.HttpClient} costs about half a second on first use.
 */
final class Webhook {

    private Webhook() {
    }

    /**
     * @return the HTTP status code
     * @throws IOException when the server cannot be reached or does not answer within {@code timeout}
     */
    static int post(String url, Map<String, String> headers, String json, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            connection.setRequestProperty("User-Agent", "ppm-notify");
            headers.forEach(connection::setRequestProperty);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            return status;
        } finally {
            connection.disconnect();
        }
    }

    /** Reads the answer to its end so the connection can be reused. */
    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
