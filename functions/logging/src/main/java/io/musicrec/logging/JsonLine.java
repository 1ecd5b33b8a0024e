package io.musicrec.logging;

/**
 * One JSON object built field by field, with the escaping RFC 8259 asks for: quote, backslash and
 * the control characters U+0000..U+001F; also U+2028 and U+2029 (legal JSON, but line breaks to
 * JavaScript) and unpaired surrogates (which cannot be encoded as UTF-8), so that the line stays
 * one line and valid whatever a message holds.
 */
final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    /** Adds {@code "name": "text"}, or {@code null} for a null text. */
    JsonLine field(String name, String text) {
        key(name);
        if (text == null) {
            out.append("null");
        } else {
            string(text);
        }
        return this;
    }

    /** Adds a number or boolean as itself, anything else as its {@code toString()}. */
    JsonLine value(String name, Object value) {
        if (value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || (value instanceof Double && Double.isFinite((Double) value))
                || (value instanceof Float && Float.isFinite((Float) value))) {
            key(name);
            out.append(value);
            return this;
        }
        return field(name, value == null ? null : String.valueOf(value));
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        unicode(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(c);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private void unicode(char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    /** The object, closed; no line break. */
    @Override
    public String toString() {
        return out + "}";
    }
}
