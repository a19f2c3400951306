package org.shouhu.protocol;

import java.util.HexFormat;

/** Hex in the style of docs/protocol.md: upper-case byte pairs separated by single spaces. */
final class Hex {

    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    static byte[] parse(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
