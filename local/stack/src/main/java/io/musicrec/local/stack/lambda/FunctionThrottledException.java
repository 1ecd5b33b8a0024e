package io.musicrec.local.stack.lambda;

/**
 * Every instance of a function stayed busy for longer than the function's timeout: what Lambda
 * reports as throttling when the concurrency limit is reached. The gateway answers 503.
 */
public final class FunctionThrottledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param function the function's name
     * @param limit    its concurrency limit
     */
    public FunctionThrottledException(String function, int limit) {
        super(function + ": all " + limit + " instances stayed busy; raise LOCAL_CONCURRENCY or send fewer requests at once");
    }
}
