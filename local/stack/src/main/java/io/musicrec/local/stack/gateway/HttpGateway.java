package io.musicrec.local.stack.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import io.musicrec.local.stack.lambda.FunctionPool;
import io.musicrec.local.stack.lambda.FunctionThrottledException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server in front of the functions, answering as an HTTP API would: {@link LocalRoutes}, the
 * web app's files, then the route table (404), the authorizer (401) and the route's function (500 when
 * it throws, 503 when every instance stays busy, 413 over 10 MB). Must not miss: every answer is JSON
 * whatever arrived, from unparseable requests (400) to API Gateway's size limits (414, 431) and stalls
 * (408 after {@link #STALLED}). One request at a time per connection, so pipelined ones are answered in order.
 */
public final class HttpGateway implements AutoCloseable {

    /** API Gateway's payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** API Gateway's limit on the request line and the headers. */
    static final int MAX_HEAD_BYTES = 10 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration LINGER = Duration.ofSeconds(2);
    /** How long a begun request may go without a byte before it is answered 408. */
    static final Duration STALLED = Duration.ofSeconds(5);
    /** What the aggregator passes on in place of a body over {@link #MAX_BODY_BYTES}. */
    private static final Object TOO_LARGE = new Object();

    private final EventLoopGroup io;
    private final Channel server;
    private final ExecutorService executor;
    private final Routes routes;
    private final JwtAuthorizer authorizer;
    private final LocalRoutes localRoutes;
    private final WebApp webApp;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private final int port;

    private HttpGateway(EventLoopGroup io, ExecutorService executor, Routes routes, JwtAuthorizer authorizer, LocalRoutes localRoutes,
                        WebApp webApp, Clock clock, InetSocketAddress address) {
        this.io = io;
        this.executor = executor;
        this.routes = routes;
        this.authorizer = authorizer;
        this.localRoutes = localRoutes;
        this.webApp = webApp;
        this.clock = clock;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Exchanges exchanges = new Exchanges();
                        channel.pipeline()
                                .addLast(new IdleStateHandler(STALLED.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object bytes) {
                                        // Cleared by Exchanges when these bytes complete a request.
                                        exchanges.awaitingRequest = true;
                                        ctx.fireChannelRead(bytes);
                                    }
                                })
                                .addLast(new HttpServerCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(MAX_HEAD_BYTES)
                                        .setMaxHeaderSize(MAX_HEAD_BYTES)))
                                .addLast(new Aggregator())
                                .addLast(exchanges);
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + " (is another stack or program using it? set PORT to choose another)",
                    cause instanceof IOException e ? e : new IOException(cause));
        }
        this.server = bound.channel();
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Binds {@code address} (port 0: a free one) and starts serving with {@code threads} request threads.
     *
     * @throws UncheckedIOException when the address cannot be bound (the port is taken, say)
     */
    public static HttpGateway start(InetSocketAddress address, int threads, Routes routes, JwtAuthorizer authorizer,
                                    LocalRoutes localRoutes, WebApp webApp, Clock clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        AtomicInteger numbers = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "gateway-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gateway-io", true), NioIoHandler.newFactory());
        try {
            return new HttpGateway(io, executor, Objects.requireNonNull(routes, "routes"), Objects.requireNonNull(authorizer, "authorizer"),
                    Objects.requireNonNull(localRoutes, "localRoutes"), Objects.requireNonNull(webApp, "webApp"),
                    Objects.requireNonNull(clock, "clock"), address);
        } catch (RuntimeException e) {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            executor.shutdownNow();
            throw e;
        }
    }

    /** The port the gateway listens on. */
    public int port() {
        return port;
    }

    /** The reply to one request the parser read. */
    private GatewayReply reply(FullHttpRequest message, String sourceIp, String requestId) {
        if (stopping) {
            return GatewayReply.message(503, "Service Unavailable");
        }
        Instant now = clock.instant();
        GatewayRequest request = request(message, sourceIp);
        if (request.rawPath().startsWith(LocalRoutes.PREFIX)) {
            return localRoutes.handle(request, port());
        }
        Optional<GatewayReply> file = webApp.reply(request);
        if (file.isPresent()) {
            return file.get();
        }
        String routeKey = request.method() + " " + request.rawPath();
        Optional<FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> function = routes.function(routeKey);
        if (function.isEmpty()) {
            return GatewayReply.message(404, "Not Found");
        }
        JwtAuthorizer.Decision decision = authorizer.authorize(request.header("authorization"));
        if (decision instanceof JwtAuthorizer.Denied denied) {
            LOG.atDebug().addKeyValue("request_id", requestId).addKeyValue("route", routeKey).addKeyValue("reason", denied.reason()).log("refused");
            return GatewayReply.message(401, "Unauthorized").withHeader("www-authenticate", JwtAuthorizer.challenge(denied));
        }
        APIGatewayV2HTTPEvent event = GatewayRequestTranslator.toEvent(request, routeKey, (JwtAuthorizer.Allowed) decision, requestId, now, port());
        try {
            return GatewayRequestTranslator.toReply(function.get().invoke(event, requestId), requestId);
        } catch (FunctionThrottledException e) {
            LOG.atWarn().addKeyValue("request_id", requestId).addKeyValue("route", routeKey).addKeyValue("error", e.getMessage()).log("service unavailable");
            return GatewayReply.message(503, "Service Unavailable");
        } catch (RuntimeException | Error e) {
            LOG.atError().addKeyValue("request_id", requestId).addKeyValue("route", routeKey).setCause(e).log("the function failed");
            return GatewayReply.message(500, "Internal Server Error");
        }
    }

    /**
     * The request as it arrived. The target is split at its first {@code ?} and kept as sent; an
     * absolute target ({@code http://host/path}, which HTTP/1.1 servers must take) gives its path.
     */
    private static GatewayRequest request(FullHttpRequest message, String sourceIp) {
        String target = message.uri();
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            int query = target.indexOf('?');
            target = slash < 0 || (query >= 0 && query < slash) ? "/" + (query < 0 ? "" : target.substring(query)) : target.substring(slash);
        }
        int query = target.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : message.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(header.getValue());
        }
        return new GatewayRequest(message.method().name(), query < 0 ? target : target.substring(0, query),
                query < 0 ? "" : target.substring(query + 1), headers, ByteBufUtil.getBytes(message.content()), sourceIp,
                message.protocolVersion().text());
    }

    /** The answer to what the parser could not read, and whether the connection must close after it. */
    private static GatewayReply unreadable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return GatewayReply.message(414, "Request-URI Too Long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return GatewayReply.message(431, "Request Header Fields Too Large");
        }
        return GatewayReply.message(400, "Bad Request");
    }

    private static FullHttpResponse response(GatewayReply reply, boolean head, boolean close) {
        byte[] body = reply.body();
        boolean noBody = reply.status() == 204 || reply.status() == 304 || reply.status() < 200;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                noBody || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        if (!noBody) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** The body limit, answered in the gateway's JSON (the aggregator's own answers have no body). */
    private static final class Aggregator extends HttpObjectAggregator {

        Aggregator() {
            super(MAX_BODY_BYTES, true);
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object continueResponse = super.newContinueResponse(start, maxContentLength, pipeline);
            if (continueResponse instanceof HttpResponse refused && refused.status().code() >= 400) {
                ReferenceCountUtil.release(continueResponse);
                GatewayReply reply = refused.status().code() == 413
                        ? GatewayReply.message(413, "Request Entity Too Large")
                        : GatewayReply.message(refused.status().code(), "Expectation Failed");
                return response(reply, false, true);
            }
            return continueResponse;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            // Answered in turn with the connection's other requests; the connection closes after it.
            ctx.fireChannelRead(TOO_LARGE);
        }
    }

    /** One connection's requests, run one after another on the pool, answered in the order they came. */
    private final class Exchanges extends ChannelInboundHandlerAdapter {

        private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        /** Set once an answer that closes the connection is queued: what comes after it is not run. */
        private boolean closing;
        /** True when the last bytes read completed no request: a request is under way, or stuck. */
        private boolean awaitingRequest;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (closing) {
                ReferenceCountUtil.release(message);
                return;
            }
            awaitingRequest = false;
            String requestId = GatewayRequestTranslator.newRequestId();
            if (message == TOO_LARGE) {
                enqueue(ctx, requestId, id -> GatewayReply.message(413, "Request Entity Too Large"), "(body over the limit)", false, true);
            } else if (message instanceof FullHttpRequest request) {
                try {
                    if (request.decoderResult().isFailure()) {
                        Throwable cause = request.decoderResult().cause();
                        LOG.atDebug().addKeyValue("request_id", requestId).addKeyValue("error", cause.toString()).log("unreadable request");
                        enqueue(ctx, requestId, id -> unreadable(cause), "(unreadable request)", false, true);
                    } else {
                        FullHttpRequest kept = request.retainedDuplicate();
                        String sourceIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
                        enqueue(ctx, requestId, id -> {
                            try {
                                return reply(kept, sourceIp, id);
                            } finally {
                                kept.release();
                            }
                        }, request.method() + " " + request.uri(), request.method().name().equals("HEAD"), !HttpUtil.isKeepAlive(request));
                    }
                } finally {
                    request.release();
                }
            } else {
                ReferenceCountUtil.release(message);
            }
        }

        private void enqueue(ChannelHandlerContext ctx, String requestId, Function<String, GatewayReply> work, String what, boolean head,
                             boolean close) {
            closing = close;
            inFlight.incrementAndGet();
            last = last.thenRunAsync(() -> answer(ctx, requestId, work, what, head, close), executor).exceptionally(e -> {
                // Only a pool shut down with work left gets here: the connection is closing with the gateway.
                inFlight.decrementAndGet();
                ctx.close();
                return null;
            });
        }

        private void answer(ChannelHandlerContext ctx, String requestId, Function<String, GatewayReply> work, String what, boolean head,
                            boolean close) {
            long start = System.nanoTime();
            GatewayReply reply;
            try {
                reply = work.apply(requestId);
            } catch (RuntimeException | Error e) {
                LOG.atError().addKeyValue("request_id", requestId).addKeyValue("request", what).setCause(e).log("answering failed");
                reply = GatewayReply.message(500, "Internal Server Error");
            }
            if (reply.header("apigw-requestid") == null) {
                reply = reply.withHeader("apigw-requestid", requestId);
            }
            try {
                FullHttpResponse response;
                try {
                    response = response(reply, head, close);
                } catch (IllegalArgumentException e) {
                    // A header value no HTTP response may carry (a line break, say) from a function.
                    LOG.atError().addKeyValue("request_id", requestId).addKeyValue("request", what).addKeyValue("error", e.toString())
                            .log("cannot write the response");
                    response = response(GatewayReply.message(500, "Internal Server Error").withHeader("apigw-requestid", requestId), head, close);
                }
                ChannelFuture written = ctx.writeAndFlush(response);
                if (close) {
                    written.addListener(sent -> closeAfterAnswer(ctx));
                }
            } finally {
                inFlight.decrementAndGet();
            }
            if (LOG.isDebugEnabled()) {
                LOG.atDebug().addKeyValue("request_id", requestId).addKeyValue("request", what).addKeyValue("status", reply.status())
                        .addKeyValue("millis", (System.nanoTime() - start) / 1_000_000).log("answered");
            }
        }

        /**
         * Ends the output, then the connection once the client has closed its side or after {@code
         * LINGER}: a close with unread request bytes would reset the connection, and the client's
         * system may then drop the answer before the client reads it.
         */
        private void closeAfterAnswer(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput().addListener(done -> ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                ctx.close();
            }
        }

        /**
         * A request begun and not finished within {@code STALLED} of silence is 408: a client that
         * stops mid-request (headers unfinished, a body shorter than its {@code Content-Length})
         * would otherwise hold the connection and get no answer at all.
         */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
                if (awaitingRequest && !closing) {
                    enqueue(ctx, GatewayRequestTranslator.newRequestId(), id -> GatewayReply.message(408, "Request Timeout"), "(request incomplete)",
                            false, true);
                }
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.atDebug().addKeyValue("remote", ctx.channel().remoteAddress()).addKeyValue("error", cause.toString()).log("connection failed");
            ctx.close();
        }
    }

    /**
     * Refuses new requests (503), lets those in flight finish (up to five seconds), then closes the
     * socket and the threads.
     */
    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.close().awaitUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        executor.shutdownNow();
    }
}
