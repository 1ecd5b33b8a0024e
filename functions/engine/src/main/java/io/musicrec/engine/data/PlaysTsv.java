package io.musicrec.engine.data;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes play-count files: tab-separated, one header line, then rows of
 * {@code user id, artist id, plays} (the layout of Last.fm 2K's {@code user_artists.dat}).
 * Parsing works on bytes, since a Last.fm 360K-sized file has 17 million rows.
 */
public final class PlaysTsv {
    public static final String HEADER = "userID\tartistID\tweight";

    private PlaysTsv() {
    }

    /**
     * Reads {@code file} into a matrix of users x artists.
     *
     * @throws InputException naming the file and line of the first bad row, or a missing file
     */
    public static PlayMatrix read(Path file) {
        PlayMatrix.Builder builder = PlayMatrix.builder();
        String name = file.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            new Parser(in, name).parseInto(builder);
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "no such file");
        } catch (IOException e) {
            throw new InputException(name, "cannot read: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** Writes {@code matrix} (users x artists) with the standard header, atomically. */
    public static void write(Path file, PlayMatrix matrix) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.US_ASCII), 1 << 16)) {
                w.write(HEADER);
                w.write('\n');
                for (int r = 0; r < matrix.rows(); r++) {
                    String user = Integer.toString(matrix.rowId(r));
                    for (int e = matrix.rowStart(r); e < matrix.rowStart(r + 1); e++) {
                        w.write(user);
                        w.write('\t');
                        w.write(Integer.toString(matrix.columnId(matrix.column(e))));
                        w.write('\t');
                        w.write(Integer.toString(matrix.plays(e)));
                        w.write('\n');
                    }
                }
            }
        });
    }

    private static final class Parser {
        private static final String[] FIELDS = {"user id", "artist id", "plays"};

        private final InputStream in;
        private final String file;
        private final long[] values = new long[3];
        private final byte[] field = new byte[32];
        private long line;

        Parser(InputStream in, String file) {
            this.in = in;
            this.file = file;
        }

        void parseInto(PlayMatrix.Builder builder) throws IOException {
            line = 1;
            if (!skipHeader()) {
                throw new InputException(file, 1, "empty file: expected a header line (" + HEADER.replace('\t', ' ') + ")");
            }
            while (true) {
                line++;
                int status = readRow();
                if (status == EOF) {
                    return;
                }
                if (values[0] < 1 || values[1] < 1) {
                    String which = values[0] < 1 ? "user id" : "artist id";
                    throw new InputException(file, line, which + " " + (values[0] < 1 ? values[0] : values[1]) + " must be >= 1");
                }
                if (values[2] < 0) {
                    throw new InputException(file, line, "plays " + values[2] + " must be >= 0");
                }
                builder.add((int) values[0], (int) values[1], (int) values[2]);
                if (status == LAST) {
                    return;
                }
            }
        }

        /** Returns false for an empty file; refuses a first line that is data rather than a header. */
        private boolean skipHeader() throws IOException {
            int c = in.read();
            if (c == -1) {
                return false;
            }
            boolean numericOnly = true;
            int tabs = 0;
            while (c != -1 && c != '\n') {
                if (c == '\t') {
                    tabs++;
                } else if (c != '\r' && (c < '0' || c > '9') && c != '-') {
                    numericOnly = false;
                }
                c = in.read();
            }
            if (numericOnly && tabs == 2) {
                throw new InputException(file, 1, "expected a header line (" + HEADER.replace('\t', ' ') + "), found data");
            }
            return true;
        }

        private static final int MORE = 0;
        private static final int LAST = 1;
        private static final int EOF = 2;

        /** Parses one row into {@link #values}; EOF when the stream ended before the row began. */
        private int readRow() throws IOException {
            int f = 0;
            int len = 0;
            int c = in.read();
            if (c == -1) {
                return EOF;
            }
            while (true) {
                if (c == '\t' || c == '\n' || c == -1 || c == '\r') {
                    if (c == '\r') {
                        int next = in.read();
                        if (next != '\n' && next != -1) {
                            throw new InputException(file, line, "stray carriage return");
                        }
                        c = next;
                    }
                    if (f >= 3) {
                        throw new InputException(file, line, "expected 3 tab-separated fields (user id, artist id, plays), found more");
                    }
                    values[f] = parse(f, len);
                    f++;
                    len = 0;
                    if (c != '\t') {
                        if (f != 3) {
                            throw new InputException(file, line, "expected 3 tab-separated fields (user id, artist id, plays), found " + f);
                        }
                        return c == -1 ? LAST : MORE;
                    }
                } else {
                    if (len == field.length) {
                        throw new InputException(file, line, FIELDS[Math.min(f, 2)] + " is too long to be a number");
                    }
                    field[len++] = (byte) c;
                }
                c = in.read();
            }
        }

        private long parse(int f, int len) {
            String what = FIELDS[Math.min(f, 2)];
            if (len == 0) {
                throw new InputException(file, line, what + " is empty");
            }
            int i = 0;
            boolean negative = field[0] == '-';
            if (negative) {
                i = 1;
                if (len == 1) {
                    throw new InputException(file, line, what + " '-' is not an integer");
                }
            }
            long v = 0;
            for (; i < len; i++) {
                int d = field[i] - '0';
                if (d < 0 || d > 9) {
                    throw new InputException(file, line, what + " '" + new String(field, 0, len, StandardCharsets.ISO_8859_1) + "' is not an integer");
                }
                v = v * 10 + d;
                if (v > Integer.MAX_VALUE) {
                    throw new InputException(file, line, what + " " + new String(field, 0, len, StandardCharsets.ISO_8859_1) + " is out of range (max " + Integer.MAX_VALUE + ")");
                }
            }
            return negative ? -v : v;
        }
    }
}
