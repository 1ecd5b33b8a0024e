package io.musicrec.local.services;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link Context} of one invocation: its request id, the function's name and memory, and the
 * time left before the function's timeout, counted on the injected clock from the moment the
 * invocation started (the worker stops starting messages when too little is left). The local
 * stack's function pool passes one to every invocation; the tests get theirs from {@link
 * io.musicrec.local.services.testing.TestLambdaContext}.
 */
public final class InvocationContext implements Context {

    /** The account in local ARNs, as ElasticMQ uses it. */
    public static final String ACCOUNT_ID = "000000000000";

    private static final LambdaLogger STDERR = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final String requestId;
    private final String functionName;
    private final String region;
    private final int memoryMegabytes;
    private final Instant deadline;
    private final Clock clock;

    /**
     * @param requestId       the invocation's id
     * @param functionName    e.g. {@code musicrec-api}
     * @param region          the AWS region named in the ARN
     * @param memoryMegabytes what {@link #getMemoryLimitInMB()} reports
     * @param deadline        when the function's timeout ends this invocation
     * @param clock           measures the time left
     */
    public InvocationContext(String requestId, String functionName, String region, int memoryMegabytes, Instant deadline,
                             Clock clock) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.region = Objects.requireNonNull(region, "region");
        this.memoryMegabytes = memoryMegabytes;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + functionName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /** Milliseconds until the deadline, 0 once it has passed. */
    @Override
    public int getRemainingTimeInMillis() {
        long left = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMegabytes;
    }

    @Override
    public LambdaLogger getLogger() {
        return STDERR;
    }
}
