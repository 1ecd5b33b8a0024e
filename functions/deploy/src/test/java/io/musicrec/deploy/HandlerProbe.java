package io.musicrec.deploy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs in a JVM of its own with a function's shaded jar on the class path and the function's
 * environment: builds the handler through its public no-argument constructor (as Lambda does), then
 * for each line {@code METHOD /path} on stdin hands it an HTTP API (payload 2.0) event without JWT
 * claims, streamed as Lambda streams it ({@code handleRequest(InputStream, OutputStream, Context)}), and
 * prints {@code PROBE METHOD /path STATUS}.
 */
public final class HandlerProbe {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\":(\\d+)");

    private HandlerProbe() {
    }

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] route = line.strip().split(" ", 2);
            String json = "{\"version\":\"2.0\",\"routeKey\":\"" + route[0] + " " + route[1] + "\",\"rawPath\":\"" + route[1]
                    + "\",\"rawQueryString\":\"\",\"headers\":{\"content-type\":\"application/json\"},"
                    + "\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"probe\",\"domainName\":\"probe.local\","
                    + "\"http\":{\"method\":\"" + route[0] + "\",\"path\":\"" + route[1] + "\",\"protocol\":\"HTTP/1.1\","
                    + "\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"probe\"},\"requestId\":\"probe-" + (++n)
                    + "\",\"routeKey\":\"" + route[0] + " " + route[1] + "\",\"stage\":\"$default\",\"timeEpoch\":0},"
                    + "\"isBase64Encoded\":false}";
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), response, null);
            Matcher status = STATUS.matcher(response.toString(StandardCharsets.UTF_8));
            System.out.println("PROBE " + route[0] + " " + route[1] + " " + (status.find() ? status.group(1) : "none"));
        }
        System.out.flush();
    }
}
