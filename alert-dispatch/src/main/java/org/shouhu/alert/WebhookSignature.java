package org.shouhu.alert;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature on every HTTP delivery. The signed text is {@code <timestamp>.<body>}, where the
 * timestamp is the {@value #TIMESTAMP_HEADER} header (Unix seconds, set per attempt); the result is sent as
 * {@code v1=<lower-case hex>} in {@value #SIGNATURE_HEADER}. Stateless and thread-safe.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Shouhu-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Shouhu-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final String SCHEME = "v1=";

    private WebhookSignature() {
    }

    /** The header value signing {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        return sign(secret, epochSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same for a body already encoded as UTF-8 (the sender encodes it once, for signing and for sending). */
    public static String sign(String secret, long epochSeconds, byte[] utf8Body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret, epochSeconds, utf8Body));
    }

    /** Whether the header value is the signature of {@code body} at {@code epochSeconds}, compared in constant time. */
    public static boolean matches(String secret, long epochSeconds, String body, String signatureHeader) {
        if (signatureHeader == null || !signatureHeader.startsWith(SCHEME)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(secret, epochSeconds, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String secret, long epochSeconds, byte[] utf8Body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(utf8Body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
