package io.musicrec.local.services.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The invocation context Lambda would pass a function: a fresh request id, the function's name
 * (with its log group and ARN), its memory, and a deadline counted from construction. The logger
 * prints to standard output.
 */
public final class TestLambdaContext implements Context {

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final int memoryLimitInMb;
    private final long deadlineMillis;

    /**
     * @param functionName    e.g. {@code musicrec-worker}
     * @param memoryLimitInMb what {@link #getMemoryLimitInMB()} reports
     * @param remaining       time left from now, as {@link #getRemainingTimeInMillis()} counts it down
     */
    public TestLambdaContext(String functionName, int memoryLimitInMb, Duration remaining) {
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.memoryLimitInMb = memoryLimitInMb;
        this.deadlineMillis = System.currentTimeMillis() + remaining.toMillis();
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
        return "2026/11/28/[$LATEST]test";
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
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitInMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
