package io.musicrec.platform.lifecycle;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a function redoes after a SnapStart restore: environments restored from one snapshot share its
 * memory, so random seeds and sockets opened at init are renewed here, through CRaC's hooks. Must not
 * miss: org.crac keeps only a weak reference, so the handler must hold these hooks in a field or they
 * never run. Without CRaC (tests, the local stack) registering does nothing.
 */
public final class RestoreHooks implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreHooks.class);

    private record Hook(String what, Runnable action) {
    }

    private final String owner;
    private final List<Hook> beforeSnapshot = new ArrayList<>();
    private final List<Hook> afterRestore = new ArrayList<>();

    /** @param owner whose hooks they are, for the log, e.g. {@code the worker} */
    public RestoreHooks(String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Runs {@code action} just before the snapshot is taken; {@code what} names it in the log. */
    public RestoreHooks beforeSnapshot(String what, Runnable action) {
        beforeSnapshot.add(new Hook(Objects.requireNonNull(what, "what"), Objects.requireNonNull(action, "action")));
        return this;
    }

    /** Runs {@code action} after each restore, before the first request; {@code what} names it in the log. */
    public RestoreHooks afterRestore(String what, Runnable action) {
        afterRestore.add(new Hook(Objects.requireNonNull(what, "what"), Objects.requireNonNull(action, "action")));
        return this;
    }

    /** Registers with the JVM's global CRaC context; returns these hooks, which the caller must keep. */
    public RestoreHooks register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run(beforeSnapshot, "before the snapshot");
    }

    /** What Lambda's runtime calls after a restore; tests call it directly. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        run(afterRestore, "after the restore");
    }

    /**
     * Each hook in turn. A failure is logged, not thrown: a restore that fails fails the invocation,
     * while every client here recovers on first use anyway (only more slowly).
     */
    private void run(List<Hook> hooks, String when) {
        for (Hook hook : hooks) {
            try {
                hook.action().run();
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("owner", owner).addKeyValue("what", hook.what()).addKeyValue("when", when).addKeyValue("error", e.toString())
                        .log("renewing a client failed, left to the first request");
            }
        }
    }

    /**
     * A seed no snapshot holds. Not from {@code new SplittableRandom()}, {@code new Random()} or
     * {@code ThreadLocalRandom}: their seed generators are static state, restored identically in
     * every environment. A {@link SecureRandom} made now reads the kernel's entropy, which Lambda
     * makes unique per restored environment.
     */
    public static long freshSeed() {
        return new SecureRandom().nextLong();
    }
}
