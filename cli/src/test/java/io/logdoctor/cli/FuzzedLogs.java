package io.logdoctor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.records.Json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Log files in raw, cri, docker and kubectl form made to trip a reader in bytes: messages made of fixture
 * lines (whole, cut, spliced with noise), stack-trace continuations, lines starting with C or a dot,
 * quotes, backslashes and unicode; CRI lines split into P pieces anywhere (inside literals too) on two
 * interleaved streams, with odd timestamps, tags and streams; docker lines written by Jackson, some with
 * {@code \/} and {@code \}{@code u} escapes, other key orders, extra keys, other streams or not JSON;
 * CR, CRLF, invalid UTF-8 and a last line without newline.
 */
final class FuzzedLogs {

    private static final String[] TIMES = {"2024-05-01T12:34:56.123456789Z", "2024-05-01T12:34:56Z", "2024-05-01T12:34:56.5+02:00",
        "2024-02-30T12:34:56Z", "2024-05-01T12:34:56.1234567891Z", "2024-05-01T12:34:56,5Z", "garbage"};
    private static final String[] CONTINUATIONS = {"\tat com.acme.Foo.bar(Foo.java:12)", "    at x.Y.z(Y.java:1)", "Caused by: ",
        "... 3 more", "  ... 7 common frames omitted", " Suppressed: y", "\tplain tab", "Connection refused", ".dot first", " leading space"};

    private final Random random;
    private final List<String> fixtures;

    FuzzedLogs(Random random, List<String> fixtures) {
        this.random = random;
        this.fixtures = fixtures;
    }

    /** Each message as one complete line of {@code format}. */
    byte[] wrapWhole(String format, List<String> messages) {
        StringBuilder out = new StringBuilder();
        for (String m : messages) {
            out.append(switch (format) {
                case "cri" -> TIMES[0] + " stdout F " + m;
                case "docker" -> docker(m + "\n", "stdout", false);
                case "kubectl" -> TIMES[0] + " " + m;
                default -> m;
            }).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** About {@code events} fuzzed events in {@code format}. */
    byte[] file(String format, int events) {
        List<String> lines = new ArrayList<>();
        List<List<String>> open = List.of(new ArrayList<>(), new ArrayList<>()); // pieces still to write, per stream
        for (int e = 0; e < events; e++) {
            int s = random.nextInt(3) == 0 ? 1 : 0;
            if (open.get(s).isEmpty()) {
                open.get(s).addAll(pieces(message(), format));
            }
            String piece = open.get(s).remove(0);
            boolean last = open.get(s).isEmpty();
            lines.add(line(format, piece, s, last));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(40) == 0) {
                out.writeBytes(invalidUtf8());
            }
            if (i < lines.size() - 1 || random.nextBoolean()) {
                int t = random.nextInt(30);
                out.writeBytes((t == 0 ? "\r" : t < 4 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private String message() {
        String fixture = fixtures.get(random.nextInt(fixtures.size()));
        return switch (random.nextInt(10)) {
            case 0, 1 -> fixture;
            case 2 -> {
                int a = random.nextInt(fixture.length());
                int b = a + random.nextInt(fixture.length() - a + 1);
                yield "noise " + fixture.substring(a, b) + " tail";
            }
            case 3 -> CONTINUATIONS[random.nextInt(CONTINUATIONS.length)] + (random.nextBoolean() ? fixture : "");
            case 4 -> "日本語 é \"quoted\" C:\\dir\\ / " + fixture.substring(random.nextInt(fixture.length()));
            case 5 -> "";
            case 6 -> "Caused by: " + fixture;
            default -> "GET /healthz 200 " + random.nextInt(1000) + " ok";
        };
    }

    /** A message as the runtime writes it: whole, or in P pieces cut anywhere. */
    private List<String> pieces(String message, String format) {
        List<String> pieces = new ArrayList<>();
        if (format.equals("raw") || format.equals("kubectl") || message.length() < 2 || random.nextInt(3) != 0) {
            pieces.add(message);
            return pieces;
        }
        int cut = 1 + random.nextInt(message.length() - 1);
        pieces.add(message.substring(0, cut));
        pieces.add(message.substring(cut));
        return pieces;
    }

    private String line(String format, String piece, int s, boolean last) {
        String stream = random.nextInt(50) == 0 ? "stdin" : s == 0 ? "stdout" : "stderr";
        return switch (format) {
            case "cri" -> {
                String time = random.nextInt(10) == 0 ? TIMES[random.nextInt(TIMES.length)] : TIMES[0];
                String tag = (last ? "F" : "P") + (random.nextInt(20) == 0 ? ":x" : "");
                if (random.nextInt(100) == 0) {
                    tag = "X";
                }
                yield time + " " + stream + " " + tag + (piece.isEmpty() && random.nextBoolean() ? "" : " " + piece);
            }
            case "docker" -> random.nextInt(100) == 0 ? "{not json " + piece : docker(piece + (last ? "\n" : ""), stream, true);
            case "kubectl" -> random.nextBoolean() ? TIMES[random.nextInt(3)] + " " + piece : piece;
            default -> piece;
        };
    }

    private String docker(String log, String stream, boolean vary) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int shape = vary ? random.nextInt(40) : 99;
        if (shape == 0) {
            fields.put("stream", stream);
        }
        fields.put("log", log);
        fields.put("stream", stream);
        if (shape == 1) {
            fields.put("attrs", Map.of("k", "v"));
        }
        fields.put("time", TIMES[0]);
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (shape == 2) {
            json = json.replace("/", "\\/");
        }
        if (shape == 3) {
            json = json.replace("é", "\\u00e9").replace("a", "\\u0061");
        }
        if (shape == 4) {
            json = json + " ";
        }
        return json;
    }

    private byte[] invalidUtf8() {
        byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf0, (byte) 0x90, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}};
        return bad[random.nextInt(bad.length)];
    }
}
