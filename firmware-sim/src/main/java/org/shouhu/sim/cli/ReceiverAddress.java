package org.shouhu.sim.cli;

/** Parses {@code host:port} options. */
final class ReceiverAddress {

    private ReceiverAddress() {
    }

    /** @throws IllegalArgumentException unless the text is host:port with a port of 0..65535 */
    static String[] split(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + text);
        }
        String port = text.substring(colon + 1);
        try {
            int value = Integer.parseInt(port);
            if (value < 0 || value > 65_535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be 0..65535 in " + text);
        }
        return new String[] {text.substring(0, colon), port};
    }
}
