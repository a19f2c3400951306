package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-checked example frames of docs/protocol.md, kept in test resources: each decodes to its example message,
 * each example encodes to exactly these bytes, and each appears verbatim in the docs, so code and docs cannot drift.
 */
class GoldenFramesTest {

    private record Golden(String name, String topic, String payload) {
    }

    @TestFactory
    List<DynamicTest> binary_golden_frames_decode_to_the_examples_and_encode_back() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Golden golden : read("golden/binary.txt")) {
            byte[] frame = Hex.parse(golden.payload());
            tests.add(DynamicTest.dynamicTest(golden.name(), () -> {
                if (golden.topic().contains("/up/")) {
                    UplinkMessage expected = Examples.UPLINKS.get(golden.name());
                    UplinkMessage decoded = Examples.CODEC.decode(golden.topic(), frame);
                    assertThat(decoded).isEqualTo(expected);
                    FixInvariants.check(decoded);
                    assertThat(Hex.of(UplinkCodec.encodeBinary(expected))).isEqualTo(golden.payload());
                } else {
                    DownlinkCommand expected = Examples.DOWNLINKS.get(golden.name());
                    assertThat(DownlinkCodec.decode(golden.topic(), frame)).isEqualTo(expected);
                    assertThat(Hex.of(DownlinkCodec.encodeBinary(expected))).isEqualTo(golden.payload());
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> json_golden_payloads_decode_to_the_examples_and_encode_back() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Golden golden : read("golden/json.txt")) {
            byte[] payload = golden.payload().getBytes(StandardCharsets.UTF_8);
            tests.add(DynamicTest.dynamicTest(golden.name(), () -> {
                if (golden.topic().contains("/up/")) {
                    UplinkMessage expected = Examples.UPLINKS.get(golden.name());
                    assertThat(Examples.CODEC.decode(golden.topic(), payload)).isEqualTo(expected);
                    assertThat(new String(UplinkCodec.encodeJson(expected), StandardCharsets.UTF_8))
                            .isEqualTo(golden.payload());
                } else {
                    DownlinkCommand expected = Examples.DOWNLINKS.get(golden.name());
                    assertThat(DownlinkCodec.decode(golden.topic(), payload)).isEqualTo(expected);
                    assertThat(new String(DownlinkCodec.encodeJson(expected), StandardCharsets.UTF_8))
                            .isEqualTo(golden.payload());
                }
            }));
        }
        return tests;
    }

    @Test
    void every_example_has_a_golden_frame_in_both_forms() throws IOException {
        List<String> expected = new ArrayList<>(Examples.UPLINKS.keySet());
        expected.addAll(Examples.DOWNLINKS.keySet());
        assertThat(read("golden/binary.txt")).extracting(Golden::name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read("golden/json.txt")).extracting(Golden::name).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void docs_show_every_golden_payload_verbatim() throws IOException {
        String docs = Files.readString(protocolDoc()).replaceAll("\\s+", " ");
        List<Golden> goldens = new ArrayList<>(read("golden/binary.txt"));
        goldens.addAll(read("golden/json.txt"));
        for (Golden golden : goldens) {
            assertThat(docs).as("docs/protocol.md shows the %s example", golden.name()).contains(golden.payload());
        }
    }

    @Test
    void crc_of_the_standard_check_string_is_29B1() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(org.shouhu.protocol.internal.Crc16.compute(check, 0, check.length)).isEqualTo(0x29B1);
    }

    private static Path protocolDoc() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/protocol.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/protocol.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("docs/protocol.md");
    }

    private static List<Golden> read(String resource) throws IOException {
        List<Golden> goldens = new ArrayList<>();
        try (InputStream in = GoldenFramesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(" ", 3);
                goldens.add(new Golden(parts[0], parts[1], parts[2]));
            }
        }
        return goldens;
    }
}
