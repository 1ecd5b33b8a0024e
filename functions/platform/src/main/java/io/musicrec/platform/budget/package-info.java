/**
 * A function's time budget: its Lambda timeout split into the worst cases of the calls a request
 * makes. Nothing but {@code java.time} here: the read function's jar carries this package too.
 */
package io.musicrec.platform.budget;
