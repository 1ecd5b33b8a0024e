package io.musicrec.trainer.cli;

import java.io.IOException;
import java.io.PrintStream;

/** One subcommand of the trainer CLI. */
abstract class Command {
    protected final PrintStream out;
    protected final PrintStream err;

    Command(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @param argv the whole command line, argv[0] being the command name */
    abstract int run(String[] argv) throws IOException;
}
