package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.ModelFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EfficientNet block strings, as tensorflow/tpu's {@code BlockDecoder} reads and writes them, but
 * stricter: a missing required field (r, k, s, e, i, o), an unknown option, a repeated option, a
 * conv type other than 0/1, a stride that is not two digits, or an SE ratio outside (0, 1] is an error
 * that names the token.
 *
 * <pre>{@code
 * BlockArgs b = BlockString.parse("r1_k3_s11_e4_i24_o24_c1_noskip");
 * BlockString.format(b);                         // "r1_k3_s11_e4_i24_o24_c1_noskip"
 * List<BlockArgs> s = BlockString.parseList("r1_k3_s11_e1_i32_o16_se0.25, r2_k3_s22_e6_i16_o24_se0.25");
 * }</pre>
 *
 * <p>Canonical form: {@code r_k_s_e_i_o[_seX][_c1][_noskip]}; {@code c0} is the default and not
 * printed. tensorflow/tpu's encoder also writes {@code f0} and {@code p0} (fused_conv, super_pixel):
 * they are accepted with value 0 and ignored; other values are rejected, as is {@code cc} (CondConv).
 */
public final class BlockString {
    private BlockString() {}

    /** Parses one block string. */
    public static BlockArgs parse(String s) {
        String str = s.trim();
        if (str.isEmpty()) throw new ModelFormatException(s, -1, "block string is empty");
        String[] tokens = str.split("_", -1);
        Map<String, String> opts = new HashMap<>();
        boolean noskip = false;
        for (int i = 0; i < tokens.length; i++) {
            String tok = tokens[i];
            if (tok.isEmpty()) throw ModelFormatException.atToken(str, i, tok, "empty token (two '_' in a row?)");
            if (tok.equals("noskip")) {
                if (noskip) throw ModelFormatException.atToken(str, i, tok, "repeated option");
                noskip = true;
                continue;
            }
            if (tok.equals("cc")) throw ModelFormatException.atToken(str, i, tok, "CondConv blocks are not supported");
            int j = 0;
            while (j < tok.length() && Character.isLetter(tok.charAt(j))) j++;
            String key = tok.substring(0, j);
            String value = tok.substring(j);
            if (key.isEmpty()) throw ModelFormatException.atToken(str, i, tok, "expected an option letter before '" + value + "'");
            switch (key) {
                case "r", "k", "s", "e", "i", "o", "se", "c", "f", "p" -> { }
                default -> throw ModelFormatException.atToken(str, i, tok,
                        "unknown option '" + key + "' (expected r, k, s, e, i, o, se, c or noskip)");
            }
            if (value.isEmpty()) throw ModelFormatException.atToken(str, i, tok, "option '" + key + "' has no value");
            if (opts.put(key, i + ":" + value) != null) throw ModelFormatException.atToken(str, i, tok, "repeated option '" + key + "'");
        }
        for (String req : new String[] {"r", "k", "s", "e", "i", "o"}) {
            if (!opts.containsKey(req)) {
                throw new ModelFormatException(str, -1, "block string '" + str + "': missing required option '" + req + "'"
                        + " (r repeats, k kernel, s strides, e expansion, i input filters, o output filters)");
            }
        }
        int r = intOpt(str, tokens, opts, "r");
        int k = intOpt(str, tokens, opts, "k");
        String sv = value(opts, "s");
        if (sv.length() != 2 || !Character.isDigit(sv.charAt(0)) || !Character.isDigit(sv.charAt(1))) {
            int idx = index(opts, "s");
            throw ModelFormatException.atToken(str, idx, tokens[idx], "strides must be two digits (e.g. s22 or s11)");
        }
        int e = intOpt(str, tokens, opts, "e");
        int in = intOpt(str, tokens, opts, "i");
        int out = intOpt(str, tokens, opts, "o");
        double se = 0;
        if (opts.containsKey("se")) {
            int idx = index(opts, "se");
            try {
                se = Double.parseDouble(value(opts, "se"));
            } catch (NumberFormatException ex) {
                throw ModelFormatException.atToken(str, idx, tokens[idx], "se ratio must be a number");
            }
            if (!(se > 0 && se <= 1)) throw ModelFormatException.atToken(str, idx, tokens[idx], "se ratio must be in (0, 1]");
        }
        int c = opts.containsKey("c") ? intOpt(str, tokens, opts, "c") : 0;
        if (c != 0 && c != 1) {
            int idx = index(opts, "c");
            throw ModelFormatException.atToken(str, idx, tokens[idx], "conv type must be c0 (MBConv) or c1 (fused)");
        }
        for (String zeroOnly : new String[] {"f", "p"}) {
            if (opts.containsKey(zeroOnly) && intOpt(str, tokens, opts, zeroOnly) != 0) {
                int idx = index(opts, zeroOnly);
                throw ModelFormatException.atToken(str, idx, tokens[idx],
                        (zeroOnly.equals("f") ? "fused_conv" : "super_pixel") + " is not supported (only " + zeroOnly + "0)");
            }
        }
        int sh = sv.charAt(0) - '0', sw = sv.charAt(1) - '0';
        try {
            return new BlockArgs(r, k, sh, sw, e, in, out, se, !noskip, c);
        } catch (IllegalArgumentException ex) {
            throw new ModelFormatException(str, -1, "block string '" + str + "': " + ex.getMessage());
        }
    }

    private static String value(Map<String, String> opts, String key) {
        String v = opts.get(key);
        return v.substring(v.indexOf(':') + 1);
    }

    private static int index(Map<String, String> opts, String key) {
        String v = opts.get(key);
        return Integer.parseInt(v.substring(0, v.indexOf(':')));
    }

    private static int intOpt(String str, String[] tokens, Map<String, String> opts, String key) {
        String v = value(opts, key);
        int idx = index(opts, key);
        if (!v.chars().allMatch(Character::isDigit) || v.length() > 9) {
            throw ModelFormatException.atToken(str, idx, tokens[idx], "option '" + key + "' needs a whole number, but was '" + v + "'");
        }
        return Integer.parseInt(v);
    }

    /** Parses comma- or whitespace-separated block strings. */
    public static List<BlockArgs> parseList(String s) {
        List<BlockArgs> out = new ArrayList<>();
        for (String part : s.split("[,\\s]+")) {
            if (!part.isBlank()) out.add(parse(part));
        }
        if (out.isEmpty()) throw new ModelFormatException(s, -1, "no block strings in '" + s + "'");
        return out;
    }

    /** The canonical block string of {@code b}. */
    public static String format(BlockArgs b) {
        StringBuilder sb = new StringBuilder(40);
        sb.append('r').append(b.repeats()).append("_k").append(b.kernel()).append("_s").append(b.strideH()).append(b.strideW())
                .append("_e").append(b.expandRatio()).append("_i").append(b.inputFilters()).append("_o").append(b.outputFilters());
        if (b.hasSe()) sb.append("_se").append(b.seRatio());
        if (b.convType() != 0) sb.append("_c").append(b.convType());
        if (!b.idSkip()) sb.append("_noskip");
        return sb.toString();
    }

    /** Block strings joined by ", ". */
    public static String formatList(List<BlockArgs> blocks) {
        StringBuilder sb = new StringBuilder();
        for (BlockArgs b : blocks) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(format(b));
        }
        return sb.toString();
    }
}
